// Ctrl-C from the first moment of `sluice run`: before the engine has loaded (hundreds of ms from
// source, less in the binary) nothing could stop a query yet, so signals are held here, and
// handed to the first handler registered for them (supervise's), as if they came then.
import type { Signal } from "../platform/mod.ts";
import type { SuperviseIo } from "./supervise.ts";

const handled: readonly Signal[] = ["SIGINT", "SIGTERM"];

export function bufferSignals(io: SuperviseIo): SuperviseIo {
  const pending: Signal[] = [];
  const buffering = new Map<Signal, () => void>(handled.map((s) => [s, io.onSignal(s, () => void pending.push(s))]));
  return {
    exit: (code) => io.exit(code),
    writeStderr: (text) => io.writeStderr(text),
    onSignal(signal, handler) {
      const off = io.onSignal(signal, handler);
      const stopBuffering = buffering.get(signal);
      if (stopBuffering) {
        buffering.delete(signal);
        stopBuffering();
        for (const s of pending) if (s === signal) handler();
      }
      return off;
    },
  };
}
