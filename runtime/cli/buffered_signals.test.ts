import { expect, test } from "bun:test";
import type { Signal } from "../platform/mod.ts";
import { bufferSignals } from "./buffered_signals.ts";
import type { SuperviseIo } from "./supervise.ts";

function fakeIo() {
  const handlers = new Map<Signal, Set<() => void>>();
  const io: SuperviseIo & { send(s: Signal): void; listening(): number } = {
    onSignal(signal, handler) {
      const set = handlers.get(signal) ?? new Set();
      handlers.set(signal, set.add(handler));
      return () => { set.delete(handler); };
    },
    exit(code): never { throw new Error(`exit ${code}`); },
    writeStderr() {},
    send(signal) { for (const h of [...(handlers.get(signal) ?? [])]) h(); },
    listening: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
  return io;
}

test("signals before the first handler reach it when it is registered; later ones go straight to it", () => {
  const io = fakeIo();
  const buffered = bufferSignals(io);
  expect(io.listening()).toBe(2); // the process does not die of an early Ctrl-C
  io.send("SIGINT");
  io.send("SIGTERM");
  const seen: string[] = [];
  const off = buffered.onSignal("SIGINT", () => void seen.push("int"));
  expect(seen).toEqual(["int"]);
  io.send("SIGINT");
  expect(seen).toEqual(["int", "int"]);
  buffered.onSignal("SIGTERM", () => void seen.push("term"));
  expect(seen).toEqual(["int", "int", "term"]);
  off();
  expect(io.listening()).toBe(1); // only the SIGTERM handler: buffering ended for both
});
