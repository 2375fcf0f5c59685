// Optimistic concurrency: two writers that read the same version both commit when neither depends
// on what the other changed (blind appends), each at its own version; a complete-mode rewrite that
// read the table conflicts with an append committed meanwhile; the same txn appId twice conflicts.
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseSchemaDDL, SluiceError } from "sluice/plugin-sdk";
import { listLog } from "./log_store.ts";
import { openDeltaSink, readTable, scratch } from "./test_table.ts";
import { beginTableWrite, type TableWriteRequest } from "./write.ts";

const root = scratch("txn");
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ctx = { nowMs: () => 1_700_000_000_000 };
const schema = parseSchemaDDL("id INT");
const req = (table: string, o: Partial<TableWriteRequest> = {}): TableWriteRequest => ({
  table, data: schema, mergeSchema: false, overwriteSchema: false, overwrite: false, streaming: true, timeZone: "UTC",
  operation: () => ({ name: "WRITE", parameters: {} }), ...o,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return undefined;
}

describe("concurrent commits", () => {
  test("two blind appends from the same read version both land, at versions 1 and 2", async () => {
    const t = join(root, "appends");
    await (await openDeltaSink({ path: t }, "id INT")).addBatch(0, [[0]], "append");
    const a = beginTableWrite(req(t), ctx);
    const b = beginTableWrite(req(t), ctx);
    a.write([[1]]);
    b.write([[2]]);
    expect(a.commit()).toBe(1);
    // b read version 0 and finds 1 taken: no conflict with a blind append, so it commits as 2.
    expect(b.commit()).toBe(2);
    expect(listLog(t).commits).toEqual([0, 1, 2]);
    expect(readTable(t)).toEqual([[0], [1], [2]]);
  });

  test("an overwrite that read the table conflicts with an append committed after its read", async () => {
    const t = join(root, "overwrite");
    await (await openDeltaSink({ path: t }, "id INT")).addBatch(0, [[0]], "append");
    const rewrite = beginTableWrite(req(t, { overwrite: true }), ctx);
    const append = beginTableWrite(req(t), ctx);
    append.write([[1]]);
    append.commit();
    rewrite.write([[9]]);
    expect(codeOf(() => rewrite.commit())).toBe("DELTA_CONCURRENT_APPEND.WITHOUT_HINT");
    expect(readTable(t)).toEqual([[0], [1]]);
  });

  test("the same application id (query) committing from two writers: the second one conflicts", async () => {
    const t = join(root, "same-app");
    await (await openDeltaSink({ path: t }, "id INT")).addBatch(0, [[0]], "append");
    const one = beginTableWrite(req(t, { txn: { appId: "q", version: 1 } }), ctx);
    const two = beginTableWrite(req(t, { txn: { appId: "q", version: 1 } }), ctx);
    one.write([[1]]);
    two.write([[1]]);
    one.commit();
    expect(codeOf(() => two.commit())).toBe("DELTA_CONCURRENT_TRANSACTION");
    expect(readTable(t)).toEqual([[0], [1]]);
  });
});
