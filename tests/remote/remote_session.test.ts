// Remote mode against a real Spark 4.1.1 Connect server (scripts/spark/start-connect.sh, one server
// for the whole test run): the same API as embedded, the plan run by Spark, Spark's error classes.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SluiceError, SparkSession, type DataFrame } from "sluice";
import { sparkConnect } from "../../scripts/spark/service.ts";
import { SharedState } from "../../runtime/api/shared_state.ts";
import { loadPlugins } from "../../runtime/plugin/loader.ts";
import { PluginRegistry } from "../../runtime/plugin/registry.ts";

let spark: SparkSession;
let url: string;
let work: string;

function thrown(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

beforeAll(async () => {
  url = await sparkConnect();
  // Few shuffle partitions: Spark's 200 make every aggregation of these tiny tables slow.
  spark = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "2").create();
  work = mkdtempSync(join(tmpdir(), "sluice-remote-"));
}, 600_000);

afterAll(async () => {
  for (const q of spark?.streams.active ?? []) await q.stop();
  await spark?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("remote mode: batch", () => {
  test("spark.catalog: temp views listed, found and dropped on the server", () => {
    spark.createDataFrame([[1]], "x INT").createOrReplaceTempView("remote_catalog_view");
    const listed = spark.catalog.listTables().filter((t) => t.name === "remote_catalog_view");
    expect(listed).toEqual([{ name: "remote_catalog_view", catalog: null, namespace: [], description: null, tableType: "TEMPORARY", isTemporary: true }]);
    expect(spark.catalog.tableExists("remote_catalog_view")).toBe(true);
    expect(spark.catalog.dropTempView("remote_catalog_view")).toBe(true);
    expect(spark.catalog.dropTempView("remote_catalog_view")).toBe(false);
    expect(spark.catalog.tableExists("remote_catalog_view")).toBe(false);
  }, 60_000);

  test("spark.sql runs on the server and collect() reads the Arrow result", () => {
    expect(spark.sql("SELECT 1 AS a, 'x' AS b, CAST(2.50 AS DECIMAL(5,2)) AS c").collect()).toEqual([{ a: 1, b: "x", c: "2.50" }]);
    expect(spark.version).toBe("4.1.1");
  }, 60_000);

  test("createDataFrame is sent as Arrow and comes back with exact values", () => {
    const schema = "id BIGINT, name STRING, amount DECIMAL(10,2), ts TIMESTAMP, day DATE, tags ARRAY<STRING>, attrs MAP<STRING,INT>, pos STRUCT<x: DOUBLE, y: DOUBLE>";
    const rows = [
      [2 ** 53 - 1, "héllo", "12.50", new Date("2024-01-02T03:04:05.123Z"), new Date("2024-01-02T00:00:00Z"), ["a", null], new Map([["k", 1]]), { x: 1.5, y: -2 }],
      [null, null, null, null, null, null, null, null],
    ];
    const df = spark.createDataFrame(rows, schema);
    const { rows: raw } = df.collectRaw();
    expect(raw).toEqual([
      [2 ** 53 - 1, "héllo", 1250n, 1_704_164_645_123_000, 19_724, ["a", null], new Map([["k", 1]]), [1.5, -2]],
      [null, null, null, null, null, null, null, null],
    ]);
    expect(df.columns).toEqual(["id", "name", "amount", "ts", "day", "tags", "attrs", "pos"]);
    expect(df.schema.fields.map((f) => f.dataType.simpleString())).toEqual(
      ["bigint", "string", "decimal(10,2)", "timestamp", "date", "array<string>", "map<string,int>", "struct<x:double,y:double>"]);
  }, 60_000);

  test("createDataFrame without a schema infers it on the client as PySpark does (the embedded rules)", () => {
    // PySpark 4.1.1: keys sorted and merged over every row, ints BIGINT; names rename in order.
    const df = spark.createDataFrame([{ b: 1, a: "x" }, { a: "y", c: true }]);
    expect(df.schema.simpleString()).toBe("struct<a:string,b:bigint,c:boolean>");
    expect(df.collect()).toEqual([{ a: "x", b: 1, c: null }, { a: "y", b: null, c: true }]);
    expect(spark.createDataFrame([[1, "x"], [2, null]], ["id", "v"]).schema.simpleString()).toBe("struct<id:bigint,v:string>");
    expect(thrown(() => spark.createDataFrame([])).code).toBe("CANNOT_INFER_EMPTY_SCHEMA");
  }, 60_000);

  test("readers take PySpark's parameters as embedded: positional, then keywords (sent as options)", () => {
    const dir = join(work, "csv-in");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.csv"), "id,name\n1,ann\n2,bob\n");
    const embedded = SparkSession.builder.getOrCreate().newSession();
    const both = [spark, embedded].map((s) => s.read.csv(dir, { header: true, inferSchema: true }));
    expect(both[0]!.schema.simpleString()).toBe("struct<id:int,name:string>");
    expect(both[0]!.schema.simpleString()).toBe(both[1]!.schema.simpleString());
    expect(both[0]!.orderBy("id").collect()).toEqual(both[1]!.orderBy("id").collect());
    const loaded = spark.read.load(dir, "csv", "id STRING, name STRING", { header: true });
    expect(loaded.orderBy("id").collect()).toEqual([{ id: "1", name: "ann" }, { id: "2", name: "bob" }]);
    expect(thrown(() => spark.read.csv(dir, { header: [1] as never })).code).toBe("NOT_STR");
  }, 60_000);

  test("DataFrame and Column API: projections, filters, aggregations, joins, ordering", () => {
    const df = spark.createDataFrame([["a", 1], ["b", 2], ["a", 3], ["c", null]], "k STRING, v BIGINT");
    const agg = df.filter(F.col("v").isNotNull())
      .withColumn("v2", F.col("v").multiply(2))
      .groupBy("k").agg(F.sum("v2").alias("total"), F.count("*").alias("n"))
      .orderBy(F.col("total").desc());
    expect(agg.collect()).toEqual([{ k: "a", total: 8, n: 2 }, { k: "b", total: 4, n: 1 }]);
    const names = spark.createDataFrame([["a", "alpha"], ["b", "beta"]], "k STRING, name STRING");
    expect(df.join(names, "k", "left").orderBy("v").select("k", "name").take(2)).toEqual([{ k: "c", name: null }, { k: "a", name: "alpha" }]);
    expect(df.selectExpr("upper(k) AS K", "v + 1 AS w").filter("w > 2").orderBy("w").collect()).toEqual([{ K: "B", w: 3 }, { K: "A", w: 4 }]);
    expect(df.select(F.when(F.col("v").gt(1), "big").otherwise("small").alias("size"), F.expr("coalesce(v, -1) AS v")).orderBy("v").first())
      .toEqual({ size: "small", v: -1 });
    expect(df.dropDuplicates(["k"]).count()).toBe(3);
  }, 60_000);

  test("show() prints Spark's own table", () => {
    let out = "";
    spark.stdout = (t) => (out += t);
    spark.createDataFrame([["a", 1]], "k STRING, v INT").show();
    spark.stdout = (t) => process.stdout.write(t);
    expect(out).toBe("+---+---+\n|  k|  v|\n+---+---+\n|  a|  1|\n+---+---+\n\n");
  }, 60_000);

  test("errors come back with Spark's error class, SQLSTATE and message", () => {
    const div = thrown(() => spark.sql("SELECT 1 / 0 AS x").collect());
    expect(div.code).toBe("DIVIDE_BY_ZERO");
    expect(div.sqlState).toBe("22012");
    expect(div.message).toStartWith("[DIVIDE_BY_ZERO] Division by zero.");
    const col = thrown(() => spark.createDataFrame([[1]], "a INT").select("nope").collect());
    expect(col.code).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    expect(thrown(() => spark.sql("SELEC 1")).code).toBe("PARSE_SYNTAX_ERROR");
  }, 60_000);

  test("spark.conf goes to the server", () => {
    spark.conf.set("spark.sql.shuffle.partitions", 3);
    expect(spark.conf.get("spark.sql.shuffle.partitions")).toBe("3");
    expect(spark.sql("SET spark.sql.shuffle.partitions").collect()).toEqual([{ key: "spark.sql.shuffle.partitions", value: "3" }]);
  }, 60_000);
});

describe("remote mode: streaming", () => {
  test("rate → memory sink; StreamingQuery and spark.streams work on the server's query", async () => {
    const events: string[] = [];
    spark.streams.addListener({ onQueryStarted: (e) => events.push(`started ${e.name}`), onQueryProgress: () => events.push("progress") });
    const df: DataFrame = spark.readStream.format("rate").option("rowsPerSecond", 100).load()
      .withWatermark("timestamp", "1 second")
      .groupBy(F.window("timestamp", "1 second")).agg(F.count("*").alias("n"));
    const q = df.writeStream.queryName("rate_counts").outputMode("complete").format("memory").trigger({ processingTime: "200 milliseconds" }).start();
    expect(q.name).toBe("rate_counts");
    expect(q.id).toMatch(/^[0-9a-f-]{36}$/);
    // The rate source always has new data (processAllAvailable would wait for a pause): wait for batches.
    while (q.recentProgress.length < 2) await Bun.sleep(100);
    expect(q.isActive).toBe(true);
    expect(spark.streams.active.map((a) => a.id)).toContain(q.id);
    expect(spark.streams.get(q.id)?.runId).toBe(q.runId);
    expect(q.lastProgress?.name).toBe("rate_counts");
    expect(q.recentProgress.length).toBeGreaterThan(0);
    expect(q.status.message).toBeString();
    expect(q.explainString()).toContain("WriteToDataSourceV2");
    expect(spark.sql("SELECT sum(n) AS total FROM rate_counts").first()?.total).toBeGreaterThanOrEqual(0);
    await q.stop();
    expect(await q.awaitTermination(10)).toBe(true);
    expect(q.exception()).toBeNull();
    expect(events[0]).toBe("started rate_counts");
  }, 60_000);

  test("a failing query's error comes back from awaitTermination and exception()", async () => {
    const q = spark.readStream.format("rate").option("rowsPerSecond", 10).load()
      .select(F.expr("assert_true(value < 0, 'value is not negative')").alias("x"))
      .writeStream.format("memory").queryName("failing").start();
    await expect(q.awaitTermination()).rejects.toThrow(/value is not negative/);
    expect(q.exception()?.message).toContain("value is not negative");
  }, 60_000);

  test("file source → parquet sink with a checkpoint, read back in batch", async () => {
    const input = join(work, "in");
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(input);
    writeFileSync(join(input, "a.json"), '{"k":"a","v":1}\n{"k":"b","v":2}\n');
    const q = spark.readStream.format("json").schema("k STRING, v BIGINT").load(input)
      .writeStream.format("parquet").option("checkpointLocation", join(work, "cp")).start(join(work, "out"));
    await q.processAllAvailable();
    await q.stop();
    expect(spark.read.parquet(join(work, "out")).orderBy("k").collect()).toEqual([{ k: "a", v: 1 }, { k: "b", v: 2 }]);
  }, 60_000);

  test("TypeScript foreachBatch/foreach and Sluice plugins are refused at start(), naming the alternative", async () => {
    const df = spark.readStream.format("rate").load();
    const fb = thrown(() => df.writeStream.foreachBatch(() => {}).start());
    expect(fb.code).toBe("REMOTE_UNSUPPORTED.FOREACH_BATCH");
    expect(fb.hint).toContain("memory");
    expect(thrown(() => df.writeStream.foreach(() => {}).start()).code).toBe("REMOTE_UNSUPPORTED.FOREACH");
    const pg = thrown(() => df.writeStream.format("postgres").start());
    expect(pg.code).toBe("REMOTE_UNSUPPORTED.PLUGIN");
    expect(pg.message).toContain("'postgres'");
    const registry = new PluginRegistry();
    const loaded = await loadPlugins(registry, join(import.meta.dir, "../../samples/plugins/http-poll-source/mod.ts"));
    // An application launched with the plugin, as `sluice run --plugin` launches one.
    const previous = SharedState.activate(new SharedState({ plugins: loaded }));
    try {
      const other = SparkSession.builder.remote(url).create();
      expect(thrown(() => other.readStream.format("http-poll").load()).code).toBe("REMOTE_UNSUPPORTED.PLUGIN");
      await other.stop();
    } finally {
      SharedState.activate(previous);
    }
  });
});
