// The queries this process started on Spark Connect servers, for `sluice run` to wait on as it waits
// on embedded ones: until they have ended; Ctrl-C / SIGTERM stops them; exit 1 if one failed.
import type { Signal } from "../../platform/mod.ts";
import { formatError } from "../../cli/format_error.ts";
import type { ConnectStreamingQuery } from "./streaming_query.ts";

const started: ConnectStreamingQuery[] = [];

export function rememberRemoteQuery(q: ConnectStreamingQuery): void {
  started.push(q);
}

export interface RemoteWaitIo {
  onSignal(signal: Signal, handler: () => void): () => void;
  exit(code: number): never;
  writeStderr(text: string): void;
}

/** Waits until every remote query started so far has ended: 0 if none failed, else 1. */
export async function awaitRemoteQueries(io: RemoteWaitIo): Promise<number> {
  if (started.length === 0) return 0;
  let signals = 0;
  const stopAll = (signal: Signal) => () => {
    if (++signals > 1) io.exit(signal === "SIGINT" ? 130 : 143);
    io.writeStderr(`\n${signal}: stopping the queries on the Spark Connect server (again to exit at once)\n`);
    for (const q of started) void q.stop().catch(() => {});
  };
  const off = [io.onSignal("SIGINT", stopAll("SIGINT")), io.onSignal("SIGTERM", stopAll("SIGTERM"))];
  let failed = 0;
  try {
    for (const q of started) {
      try {
        await q.awaitTermination();
      } catch (e) {
        failed++;
        io.writeStderr(formatError(e) + "\n");
        for (const other of started) void other.stop().catch(() => {});
      }
    }
  } finally {
    for (const f of off) f();
  }
  return failed > 0 ? 1 : 0;
}
