// The Delta sink: each batch one commit (protocol, metaData on the first, add with stats, txn,
// commitInfo), a replayed batch id committed once, complete mode replacing the table in one
// commit, partitioning, schema checks and merging, checkpoints every 10 commits.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SluiceError, parseSchemaDDL } from "sluice/plugin-sdk";
import { sinkConformance } from "sluice/testing";
import type { AddFile, Protocol } from "./actions.ts";
import { canonicalJson, lastCheckpointChecksum, readLastCheckpoint } from "./checkpoint.ts";
import { listLog } from "./log_store.ts";
import { loadSnapshot } from "./snapshot.ts";
import deltaSink from "./sink.ts";
import { commitActions, openDeltaSink, QUERY_ID, readTable, scratch } from "./test_table.ts";

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = scratch(name);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

sinkConformance(deltaSink, {
  options: (env) => ({ path: join(env.dataDir, "table") }),
  schema: parseSchemaDDL("id BIGINT, name STRING"),
  rows: [[1, "a"], [2, null]],
  readBack: (env) => readTable(join(env.dataDir, "table")),
  checkRestart: true,
});

sinkConformance(deltaSink, {
  options: (env) => ({ path: join(env.dataDir, "table") }),
  schema: parseSchemaDDL("k STRING, n BIGINT"),
  rows: [["a", 3], ["b", 1]],
  mode: "complete",
  readBack: (env) => readTable(join(env.dataDir, "table")),
  checkRestart: true,
});

const kinds = (path: string, v: number) => commitActions(path, v).map((a) => Object.keys(a)[0]);
const adds = (path: string, v: number) => commitActions(path, v).flatMap((a) => ("add" in a ? [a.add as AddFile] : []));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return undefined;
}

describe("delta sink commits", () => {
  test("the first batch creates the table: commitInfo, metaData, protocol, txn, add with stats", async () => {
    const t = join(tmp("first"), "t");
    const w = await openDeltaSink({ path: t }, "id BIGINT, name STRING, ts TIMESTAMP, d DATE, x DOUBLE");
    await w.addBatch(0, [[1, "b", 1_704_103_200_123_456, 19723, 1.5], [5, "a", -1, null, Number.NaN], [null, null, null, 19724, 2]], "append");
    expect(kinds(t, 0)).toEqual(["commitInfo", "metaData", "protocol", "txn", "add"]);
    const [info, md, protocol, txn] = commitActions(t, 0) as [any, any, any, any];
    expect(info.commitInfo.operation).toBe("STREAMING UPDATE");
    expect(info.commitInfo.operationParameters).toEqual({ outputMode: "Append", queryId: QUERY_ID, epochId: "0" });
    expect(info.commitInfo.isBlindAppend).toBe(true);
    expect(md.metaData.partitionColumns).toEqual([]);
    expect(JSON.parse(md.metaData.schemaString).fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`))
      .toEqual(["id:long", "name:string", "ts:timestamp", "d:date", "x:double"]);
    expect(protocol.protocol as Protocol).toEqual({ minReaderVersion: 1, minWriterVersion: 2 });
    expect(txn.txn.appId).toBe(QUERY_ID);
    expect(txn.txn.version).toBe(0);
    const [add] = adds(t, 0);
    expect(add!.path).toMatch(/^part-00000-[0-9a-f-]{36}-c000\.snappy\.parquet$/);
    expect(add!.dataChange).toBe(true);
    expect(add!.size).toBe(readFileSync(join(t, add!.path)).length);
    expect(JSON.parse(add!.stats!)).toEqual({
      numRecords: 3,
      // x holds NaN: no bounds for it.
      minValues: { id: 1, name: "a", ts: "1969-12-31T23:59:59.999Z", d: "2024-01-01" },
      maxValues: { id: 5, name: "b", ts: "2024-01-01T10:00:00.123Z", d: "2024-01-02" },
      nullCount: { id: 1, name: 1, ts: 1, d: 1, x: 0 },
    });
    expect(readTable(t)).toEqual([[1, "b", 1_704_103_200_123_456, 19723, 1.5], [5, "a", -1, null, Number.NaN], [null, null, null, 19724, 2]].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
  });

  test("later batches append in their own commits; a replayed batch id commits nothing", async () => {
    const t = join(tmp("append"), "t");
    const w = await openDeltaSink({ path: t }, "id INT");
    await w.addBatch(0, [[1]], "append");
    await w.addBatch(1, [[2], [3]], "append");
    await w.addBatch(1, [[2], [3]], "append");
    // A new writer (a restarted query) with the same query id replays batch 1: nothing new.
    const again = await openDeltaSink({ path: t }, "id INT");
    await again.addBatch(1, [[2], [3]], "append");
    expect(listLog(t).commits).toEqual([0, 1]);
    expect(kinds(t, 1)).toEqual(["commitInfo", "txn", "add"]);
    expect(readTable(t)).toEqual([[1], [2], [3]]);
    // Another query (another id) writing its batch 1 is a separate application.
    const other = await openDeltaSink({ path: t }, "id INT", { queryId: "11111111-0000-4000-8000-000000000000" });
    await other.addBatch(1, [[4]], "append");
    expect(readTable(t)).toEqual([[1], [2], [3], [4]]);
    expect(loadSnapshot(t).txns.get(QUERY_ID)?.version).toBe(1);
  });

  test("a batch written in chunks (beginBatch) is one commit; abort leaves no files and no commit", async () => {
    const t = join(tmp("chunks"), "t");
    const w = await openDeltaSink({ path: t, maxRecordsPerFile: 2 }, "id INT");
    const b = await w.beginBatch!(0, "append");
    await b.write([[1], [2], [3]]);
    await b.write([[4], [5]]);
    await b.commit();
    expect(listLog(t).commits).toEqual([0]);
    expect(adds(t, 0).map((a) => JSON.parse(a.stats!).numRecords)).toEqual([2, 2, 1]);
    const failed = await w.beginBatch!(1, "append");
    await failed.write([[6], [7], [8]]);
    await failed.abort!();
    expect(listLog(t).commits).toEqual([0]);
    expect(readdirSync(t).filter((n) => n.endsWith(".parquet")).length).toBe(3);
    expect(readTable(t)).toEqual([[1], [2], [3], [4], [5]]);
  });

  test("complete mode replaces the table's content in one commit (remove + add)", async () => {
    const t = join(tmp("complete"), "t");
    const w = await openDeltaSink({ path: t }, "k STRING, n BIGINT");
    await w.addBatch(0, [["a", 1]], "complete");
    await w.addBatch(1, [["a", 2], ["b", 1]], "complete");
    expect(kinds(t, 1)).toEqual(["commitInfo", "txn", "add", "remove"]);
    const info = commitActions(t, 1)[0] as any;
    expect(info.commitInfo.operationParameters.outputMode).toBe("Complete");
    expect(info.commitInfo.isBlindAppend).toBe(false);
    expect(readTable(t)).toEqual([["a", 2], ["b", 1]]);
    // The old version is still readable (time travel).
    expect(readTable(t, 0)).toEqual([["a", 1]]);
    // An empty complete batch empties the table.
    await w.addBatch(2, [], "complete");
    expect(readTable(t)).toEqual([]);
  });

  test("partitionBy: Hive directories, partition values in the log, columns read back", async () => {
    const t = join(tmp("parts"), "t");
    const w = await openDeltaSink({ path: t, partitionBy: '["d","c"]' }, "id INT, d DATE, c STRING");
    await w.addBatch(0, [[1, 19723, "x y"], [2, 19723, null], [3, null, "a/b"]], "append");
    const a = adds(t, 0).map((x) => [x.path.replace(/part-.*$/, ""), x.partitionValues]).sort((p, q) => (String(p[0]) < String(q[0]) ? -1 : 1));
    expect(a).toEqual([
      ["d=2024-01-01/c=__HIVE_DEFAULT_PARTITION__/", { d: "2024-01-01", c: null }],
      // The log holds URIs: a space is %20, the Hive escape %2F becomes %252F.
      ["d=2024-01-01/c=x%20y/", { d: "2024-01-01", c: "x y" }],
      ["d=__HIVE_DEFAULT_PARTITION__/c=a%252Fb/", { d: null, c: "a/b" }],
    ]);
    expect(existsSync(join(t, "d=__HIVE_DEFAULT_PARTITION__", "c=a%2Fb"))).toBe(true);
    expect(readTable(t)).toEqual([[1, 19723, "x y"], [2, 19723, null], [3, null, "a/b"]]);
    // Another partitioning for the same table is refused, as delta-spark does.
    const other = await openDeltaSink({ path: t, partitionBy: '["c"]' }, "id INT, d DATE, c STRING");
    expect(codeOf(() => other.addBatch(1, [[4, 1, "z"]], "append"))).toBe("DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH");
  });

  test("a new column needs mergeSchema; with it the schema grows and old rows read null", async () => {
    const t = join(tmp("merge"), "t");
    await (await openDeltaSink({ path: t }, "id INT")).addBatch(0, [[1]], "append");
    const wider = await openDeltaSink({ path: t }, "id INT, extra STRING", { queryId: "22222222-0000-4000-8000-000000000000" });
    expect(codeOf(() => wider.addBatch(0, [[2, "x"]], "append"))).toBe("DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH");
    const merging = await openDeltaSink({ path: t, mergeSchema: true }, "id INT, extra STRING", { queryId: "22222222-0000-4000-8000-000000000000" });
    await merging.addBatch(0, [[2, "x"]], "append");
    expect(kinds(t, 1)).toEqual(["commitInfo", "metaData", "txn", "add"]);
    expect(readTable(t)).toEqual([[1, null], [2, "x"]]);
    // Data with fewer columns than the table: the missing ones are null.
    const narrow = await openDeltaSink({ path: t }, "id INT", { queryId: "33333333-0000-4000-8000-000000000000" });
    await narrow.addBatch(0, [[3]], "append");
    expect(readTable(t)).toEqual([[1, null], [2, "x"], [3, null]]);
  });

  test("overwriteSchema with complete mode replaces the schema", async () => {
    const t = join(tmp("overwrite-schema"), "t");
    await (await openDeltaSink({ path: t }, "id INT")).addBatch(0, [[1]], "complete");
    const w = await openDeltaSink({ path: t, overwriteSchema: true }, "name STRING", { queryId: "44444444-0000-4000-8000-000000000000" });
    await w.addBatch(0, [["n"]], "complete");
    expect(loadSnapshot(t).schema.fields.map((f) => f.name)).toEqual(["name"]);
    expect(readTable(t)).toEqual([["n"]]);
  });

  test("TIMESTAMP_NTZ columns get the timestampNtz table feature (3, 7)", async () => {
    const t = join(tmp("ntz"), "t");
    await (await openDeltaSink({ path: t }, "t TIMESTAMP_NTZ")).addBatch(0, [[1_000_000]], "append");
    expect(loadSnapshot(t).protocol).toEqual({ minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"] });
    expect(readTable(t)).toEqual([[1_000_000]]);
  });

  test("every 10th commit is followed by a Parquet checkpoint and _last_checkpoint", async () => {
    const t = join(tmp("checkpoint"), "t");
    const w = await openDeltaSink({ path: t }, "id BIGINT, s STRING");
    for (let b = 0; b <= 11; b++) await w.addBatch(b, b === 5 ? [] : [[b, `v${b}`]], b === 3 || b === 7 ? "complete" : "append");
    const listing = listLog(t);
    expect(listing.checkpoints.map((c) => c.version)).toEqual([10]);
    const last = readLastCheckpoint(t)!;
    expect(last.version).toBe(10);
    expect(last.checksum).toBe(lastCheckpointChecksum(last as never));
    // The state read through the checkpoint equals the state replayed from commit 0.
    const viaCheckpoint = loadSnapshot(t, 11);
    for (let v = 0; v <= 10; v++) rmSync(join(t, "_delta_log", `${String(v).padStart(20, "0")}.json`));
    const fresh = loadSnapshot(t, 11);
    expect([...fresh.files.keys()].sort()).toEqual([...viaCheckpoint.files.keys()].sort());
    expect(fresh.txns.get(QUERY_ID)?.version).toBe(11);
    expect(readTable(t)).toEqual([[10, "v10"], [11, "v11"], [7, "v7"], [8, "v8"], [9, "v9"]]);
  });

  test("_last_checkpoint's canonical JSON follows PROTOCOL.md's example", () => {
    // The protocol's own example of the canonical form.
    const o = { k0: "'v 0'", checksum: "adsaskfljadfkjadfkj", k1: { k2: 2, k3: ["v3", [1, 2], { k4: "v4", k5: ["v5", "v6", "v7"] }] } };
    expect(canonicalJson(o)).toBe(
      '"k0"="%27v%200%27","k1"+"k2"=2,"k1"+"k3"+0="v3","k1"+"k3"+1+0=1,"k1"+"k3"+1+1=2,"k1"+"k3"+2+"k4"="v4","k1"+"k3"+2+"k5"+0="v5","k1"+"k3"+2+"k5"+1="v6","k1"+"k3"+2+"k5"+2="v7"',
    );
  });
});
