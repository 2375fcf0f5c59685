// DataStreamWriter.toTable(tableName, format, outputMode, partitionBy, queryName, **options), as
// PySpark's: the session catalog's table, created (managed, nullable columns) when missing.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { SparkSession } from "./session.ts";
import { SharedState } from "./shared_state.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-to-table-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spark = new SparkSession(new SharedState());
spark.conf.set("spark.sql.warehouse.dir", join(dir, "warehouse"));
const input = join(dir, "in");
mkdirSync(input, { recursive: true });

function failure(f: () => unknown): SluiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("did not fail");
}

test("creates the table with the keywords' format and partitioning, writes the stream into it, queryName names the query", async () => {
  writeFileSync(join(input, "a.json"), '{"id": 1, "team": "x"}\n{"id": 2, "team": "y"}\n');
  const stream = spark.readStream.schema("id BIGINT NOT NULL, team STRING").json(input);
  const q = stream.writeStream.trigger({ availableNow: true })
    .toTable("events", { format: "json", partitionBy: "team", queryName: "load_events", checkpointLocation: join(dir, "cp1") });
  expect(q.name).toBe("load_events");
  await q.awaitTermination();
  const table = spark.catalog.store.get("events")!;
  expect([table.provider, table.partitionColumns, table.managed]).toEqual(["json", ["team"], true]);
  expect(table.location).toBe(join(dir, "warehouse", "events"));
  // Spark creates the table with the stream's columns made nullable.
  expect(table.schema.fields.map((f) => [f.name, f.nullable])).toEqual([["id", true], ["team", true]]);
  const rows = spark.table("events").orderBy("id").collect().map((r) => [r.id, r.team]);
  expect(rows).toEqual([[1, "x"], [2, "y"]]);
  // Positional, as PySpark's: tableName, format, outputMode, partitionBy, queryName.
  const q2 = stream.writeStream.trigger({ availableNow: true }).option("checkpointLocation", join(dir, "cp2"))
    .toTable("events_by_id", "parquet", "append", ["id"], "second");
  await q2.awaitTermination();
  expect(q2.name).toBe("second");
  expect(spark.catalog.store.get("events_by_id")!.partitionColumns).toEqual(["id"]);
  expect(spark.table("events_by_id").orderBy("id").collect().map((r) => [r.team, r.id])).toEqual([["x", 1], ["y", 2]]);
});

test("an existing table of another format, and a temp view, are refused with Spark's errors", () => {
  const stream = spark.readStream.schema("id BIGINT, team STRING").json(input);
  const e = failure(() => stream.writeStream.option("checkpointLocation", join(dir, "cp3")).toTable("events"));
  expect(e.code).toBe("_LEGACY_ERROR_TEMP_1192");
  expect(e.message).toContain("The input source(parquet) is different from the table events's data source provider(json).");
  spark.createDataFrame([[1]], "a INT").createOrReplaceTempView("v");
  const v = failure(() => stream.writeStream.option("checkpointLocation", join(dir, "cp4")).toTable("v"));
  expect(v.code).toBe("_LEGACY_ERROR_TEMP_1190");
  expect(v.message).toContain("Temporary view v doesn't support streaming write.");
});
