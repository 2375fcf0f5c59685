// Loaded before every test file (bunfig.toml): a test that forgets to stop a streaming query
// must not keep `bun test` from exiting, so every query still running after a file is stopped.
import { afterAll } from "bun:test";
import { stopAllQueries } from "../runtime/api/query_tracker.ts";

afterAll(async () => {
  await stopAllQueries();
});
