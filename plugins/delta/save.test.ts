// df.write.format("delta"): save modes as delta-spark's WriteIntoDelta (errorifexists refuses an
// existing table with DELTA_PATH_EXISTS, ignore leaves it, overwrite replaces its content in one
// commit, append adds), commitInfo operation WRITE, partitionBy, mergeSchema and overwriteSchema.
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "sluice";
import { SluiceError } from "sluice/plugin-sdk";
import { listLog } from "./log_store.ts";
import { loadSnapshot } from "./snapshot.ts";
import { commitActions, readTable, scratch } from "./test_table.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const root = scratch("save");
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `t${++n}`);

const df = (rows: unknown[][], schema = "id BIGINT, team STRING") => spark.createDataFrame(rows, schema);

async function failure(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("the write did not fail");
}

describe("df.write.format(\"delta\")", () => {
  test("errorifexists (default) creates the table, then refuses it; ignore writes nothing", async () => {
    const t = fresh();
    await df([[1, "x"], [2, "y"]]).write.format("delta").save(t);
    const [info] = commitActions(t, 0) as [any];
    expect(info.commitInfo.operation).toBe("WRITE");
    expect(info.commitInfo.operationParameters).toEqual({ mode: "ErrorIfExists", partitionBy: "[]" });
    expect(info.commitInfo.operationMetrics.numOutputRows).toBe("2");
    const e = await failure(df([[3, "z"]]).write.format("delta").save(t));
    expect(e.code).toBe("DELTA_PATH_EXISTS");
    expect(e.message).toContain(`Cannot write to already existent path file:${t} without setting OVERWRITE = 'true'.`);
    await df([[3, "z"]]).write.format("delta").mode("ignore").save(t);
    expect(listLog(t).commits).toEqual([0]);
    expect(readTable(t)).toEqual([[1, "x"], [2, "y"]]);
  });

  test("append adds a commit; overwrite replaces the content in one commit; old versions stay readable", async () => {
    const t = fresh();
    await df([[1, "x"]]).write.format("delta").mode("append").save(t);
    await df([[2, "y"]]).write.format("delta").mode("append").save(t);
    expect(readTable(t)).toEqual([[1, "x"], [2, "y"]]);
    await df([[7, "q"]]).write.format("delta").mode("overwrite").save(t);
    const kinds = commitActions(t, 2).map((a) => Object.keys(a)[0]);
    expect(kinds.sort()).toEqual(["add", "commitInfo", "remove", "remove"]);
    expect(readTable(t)).toEqual([[7, "q"]]);
    expect(readTable(t, 1)).toEqual([[1, "x"], [2, "y"]]);
    const read = spark.read.format("delta").option("versionAsOf", 1).load(t).collectRaw().rows;
    expect(read.length).toBe(2);
  });

  test("partitionBy on create; a different partitioning or schema is refused unless overwriteSchema / mergeSchema", async () => {
    const t = fresh();
    await df([[1, "x"], [2, "y"]]).write.format("delta").partitionBy("team").save(t);
    expect(loadSnapshot(t).metadata.partitionColumns).toEqual(["team"]);
    expect((commitActions(t, 0)[0] as any).commitInfo.operationParameters.partitionBy).toBe('["team"]');
    expect((await failure(df([[3, "z"]]).write.format("delta").mode("append").partitionBy("id").save(t))).code)
      .toBe("DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH");
    const wider = df([[3, "z", true]], "id BIGINT, team STRING, vip BOOLEAN");
    expect((await failure(wider.write.format("delta").mode("append").save(t))).code).toBe("DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH");
    await wider.write.format("delta").mode("append").option("mergeSchema", true).save(t);
    expect(readTable(t)).toEqual([[1, "x", null], [2, "y", null], [3, "z", true]]);
    await df([["only"]], "label STRING").write.format("delta").mode("overwrite").option("overwriteSchema", true).save(t);
    const s = loadSnapshot(t);
    expect(s.schema.fields.map((f) => f.name)).toEqual(["label"]);
    expect(s.metadata.partitionColumns).toEqual([]);
    expect(readTable(t)).toEqual([["only"]]);
  });

  test("a write that fails commits nothing", async () => {
    const t = fresh();
    await df([[1, "x"]]).write.format("delta").save(t);
    // Failing while the rows are computed (ANSI cast error): no commit, no visible change.
    const bad = spark.createDataFrame([["1"], ["nope"]], "s STRING").selectExpr("CAST(s AS BIGINT) AS id", "'t' AS team");
    await expect(bad.write.format("delta").mode("append").save(t)).rejects.toThrow("CAST_INVALID_INPUT");
    expect(listLog(t).commits).toEqual([0]);
    expect(readTable(t)).toEqual([[1, "x"]]);
  });
});
