// Loaded before every test file (bunfig.toml): a test that forgets to stop a streaming query
// must not keep `bun test` from exiting, so every query still running after a file is stopped, in
// every session the process created.
import { afterAll } from "bun:test";
import { SparkSession } from "../runtime/api/session.ts";

afterAll(async () => {
  await Promise.allSettled(SparkSession.liveSessions().map((s) => s.streams.tracker.stopAll()));
});
