// What a PySpark user tries in the first hour (issue 18), through `import … from "sluice"` as a
// pipeline writes it: PySpark's names with PySpark's units and argument forms, Spark's error
// classes with a hint naming the method to use for Python habits that TypeScript cannot express,
// the functions and types imported by name, spark.sparkContext.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  col, defineSink, functions as F, lit, LongType, SparkSession, StringType, StructField, StructType, types as T, upper, when,
} from "sluice";
import { MemoryStream } from "sluice/testing";
import { leveledLogger, logLevel, setLogLevel } from "../../runtime/api/log_level.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  spark.streams.resetTerminated();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "sluice-first-hour-"));
  dirs.push(d);
  return d;
};

/** The error `f` throws (sync or async), as { code, message, hint }. */
async function failure(f: () => unknown): Promise<{ code: string; message: string; hint: string }> {
  try {
    await f();
  } catch (e) {
    const err = e as { code?: string; message?: string; hint?: string };
    return { code: err.code ?? "(no code)", message: err.message ?? String(e), hint: err.hint ?? "" };
  }
  throw new Error("expected an error");
}

// The Python habits below do not type-check, which is the point: users write them anyway.
const rate = () => spark.readStream.format("rate").load();
// deno-lint-ignore no-explicit-any
const loose = (x: unknown) => x as any;

describe("functions and types imported by name", () => {
  test("from pyspark.sql.functions import col, lit, when / from pyspark.sql.types import *", () => {
    const schema = StructType([StructField("name", StringType(), true), StructField("n", LongType(), false)]);
    const df = spark.createDataFrame([["a", 1], ["b", 5]], schema);
    const out = df.select(upper(col("name")).alias("u"), when(col("n").gt(2), lit("big")).otherwise("small").alias("size"));
    expect(out.collect()).toEqual([{ u: "A", size: "small" }, { u: "B", size: "big" }]);
    expect(col).toBe(F.col);
    expect(T.StructType).toBe(StructType);
  });

  test("a schema built PySpark's way is what readStream.schema() takes", () => {
    const d = tempDir();
    const schema = T.StructType([T.StructField("id", T.IntegerType()), T.StructField("amount", T.DoubleType())]);
    const df = spark.readStream.schema(schema).json(d);
    expect(df.schema.simpleString()).toBe("struct<id:int,amount:double>");
  });
});

describe("Python habits give Spark's errors with the method to use", () => {
  test("arithmetic and comparison operators on a Column throw where they are written", async () => {
    const value = col("value");
    const times = await failure(() => loose(value) * loose(value));
    expect(times.code).toBe("JS_OPERATOR_ON_COLUMN");
    expect(times.hint).toContain(".multiply() for *");
    const greater = await failure(() => loose(value) > 3);
    expect(greater.code).toBe("JS_OPERATOR_ON_COLUMN");
    expect(greater.hint).toContain(".gt() for >");
    expect((await failure(() => loose(value) + 1)).hint).toContain(".plus() for +");
    expect((await failure(() => loose(value) == 1)).hint).toContain(".equalTo() for ==");
    // Text conversion stays allowed, as PySpark's str(col).
    expect(`${value}`).toBe("Column<'value'>");
    expect(String(value)).toBe("Column<'value'>");
  });

  test("withColumn of a plain value: NOT_COLUMN, with F.lit as the way", async () => {
    const e = await failure(() => rate().withColumn("b", loose(5)));
    expect(e.code).toBe("NOT_COLUMN");
    expect(e.message).toBe("[NOT_COLUMN] Argument `col` should be a Column, got number.\nHint: Write F.lit(5) for a constant column.");
    const s = await failure(() => rate().withColumn("b", loose("value")));
    expect(s.code).toBe("NOT_COLUMN");
    expect(s.hint).toContain('F.col("value")');
  });

  test("NaN, a string made by + and a boolean made by > each name the methods to use", async () => {
    const nan = await failure(() => rate().withColumn("b", loose(NaN)));
    expect(nan.code).toBe("NOT_COLUMN");
    expect(nan.message).toContain("got number (NaN)");
    expect(nan.hint).toContain(".multiply(");
    const text = await failure(() => rate().withColumn("b", loose("Column<'value'>1")));
    expect(text.hint).toContain(".plus(1)");
    const bool = await failure(() => rate().filter(loose(false)));
    expect(bool.code).toBe("NOT_COLUMN_OR_STR");
    expect(bool.message).toBe("[NOT_COLUMN_OR_STR] Argument `condition` should be a Column or str, got boolean.\n" +
      `Hint: ${bool.hint}`);
    expect(bool.hint).toContain(".gt(3)");
  });

  test("select, groupBy, withColumns and F. functions take a Column or a name", async () => {
    expect((await failure(() => rate().select(loose(5)))).code).toBe("NOT_COLUMN_OR_STR");
    expect((await failure(() => rate().groupBy(loose(true)))).code).toBe("NOT_COLUMN_OR_STR");
    expect((await failure(() => rate().withColumns({ b: loose(1) }))).code).toBe("NOT_COLUMN_OR_STR");
    expect((await failure(() => F.upper(loose(5)))).message).toContain("Argument `col` should be a Column or str, got number.");
    expect((await failure(() => F.upper(loose(undefined)))).hint).toContain("missing");
    const w = await failure(() => F.when(loose(true), 1));
    expect(w.code).toBe("NOT_COLUMN");
    expect(w.message).toContain("Argument `condition` should be a Column, got boolean.");
  });
});

describe("arguments of the wrong type give PySpark's NOT_STR / NOT_INT, not internal errors", () => {
  test("withWatermark(ts, 600), F.col(5), F.expr(5), limit(\"5\"), take(2.5), withColumn(5, …), withColumnRenamed(a, 5)", async () => {
    const b = spark.createDataFrame([[1, "x"]], "a INT, s STRING");
    const wm = await failure(() => rate().withWatermark("timestamp", loose(600)));
    expect(wm.code).toBe("NOT_STR");
    expect(wm.message).toContain("Argument `delayThreshold` should be a str, got number.");
    expect(wm.hint).toContain('"10 minutes"');
    expect((await failure(() => rate().withWatermark("", "1 minute"))).message).toContain("Argument `eventTime` should be a str, got string.");
    const c = await failure(() => F.col(loose(5)));
    expect(c.message).toContain("Argument `col` should be a str, got number.");
    expect(c.hint).toContain("F.lit(5)");
    expect((await failure(() => F.expr(loose(5)))).message).toContain("Argument `str` should be a str, got number.");
    expect((await failure(() => b.limit(loose("5")))).message).toContain("Argument `num` should be an int, got string.");
    expect((await failure(() => b.take(2.5))).code).toBe("NOT_INT");
    expect((await failure(() => b.withColumn(loose(5), F.lit(1)))).message).toContain("Argument `colName` should be a str, got number.");
    expect((await failure(() => b.withColumnRenamed("a", loose(5)))).message).toContain("Argument `new` should be a str, got number.");
    expect(b.limit(1).take(1)).toEqual([{ a: 1, s: "x" }]);
  });
});

describe("awaitTermination and awaitAnyTermination take seconds, as PySpark", () => {
  test("a timeout is seconds; { timeout } is PySpark's keyword", async () => {
    const q = rate().writeStream.format("memory").queryName("await_seconds").start();
    let started = performance.now();
    expect(await q.awaitTermination(0.3)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    started = performance.now();
    expect(await q.awaitTermination({ timeout: 0.3 })).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    started = performance.now();
    expect(await spark.streams.awaitAnyTermination(0.3)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await q.stop();
    expect(await q.awaitTermination(5)).toBe(true);
  });

  test("timeouts PySpark refuses are refused; unknown keywords too", async () => {
    const q = rate().writeStream.format("memory").queryName("await_refused").start();
    const zero = await failure(() => q.awaitTermination(0));
    expect(zero.message).toStartWith("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got 'number'.");
    expect(zero.hint).toContain("seconds");
    expect((await failure(() => q.awaitTermination(-1))).code).toBe("VALUE_NOT_POSITIVE");
    expect((await failure(() => q.awaitTermination(loose("5")))).code).toBe("VALUE_NOT_POSITIVE");
    const unknown = await failure(() => q.awaitTermination(loose({ timeoutMs: 5 })));
    expect(unknown.code).toBe("UNEXPECTED_KEYWORD_ARGUMENT");
    expect(unknown.message).toContain("awaitTermination() got an unexpected keyword argument 'timeoutMs'");
    expect(unknown.hint).toContain("Did you mean 'timeout'?");
    expect((await failure(() => spark.streams.awaitAnyTermination(-1))).code).toBe("VALUE_NOT_POSITIVE");
    expect(await spark.streams.awaitAnyTermination(0)).toBe(false);
  });
});

describe("show takes PySpark's arguments, positional or as keywords", () => {
  test("show({ truncate: false }) as df.show(truncate=False); mistakes are refused as PySpark refuses them", async () => {
    const printed: string[] = [];
    const session = spark.newSession();
    session.stdout = (t) => void printed.push(t);
    const df = session.createDataFrame([["a long text that show cuts at twenty characters"]], "s STRING");
    df.show({ truncate: false });
    df.show(1, 10);
    expect(printed[0]).toContain("|a long text that show cuts at twenty characters|");
    expect(printed[1]).toContain("|a long ...|");
    expect((await failure(() => df.show(loose({ trunc: false })))).hint).toContain("Did you mean 'truncate'?");
    expect((await failure(() => df.show(loose("5")))).message).toStartWith("[NOT_INT] Argument `n` should be an int, got string.");
    expect((await failure(() => df.show(5, loose("no")))).message).toStartWith("[NOT_BOOL] Argument `truncate` should be a bool, got string.");
  });
});

describe("query.explain() prints, as PySpark's", () => {
  test("the plan goes to the session's stdout and explain returns nothing; explainString() gives the text", async () => {
    const printed: string[] = [];
    const session = spark.newSession();
    session.stdout = (t) => void printed.push(t);
    const q = session.readStream.format("rate").load().writeStream.format("memory").queryName("explained_first_hour").start();
    expect(q.explain()).toBeUndefined();
    expect(printed.join("")).toBe(q.explainString() + "\n");
    expect(printed.join("")).toStartWith("== Physical Plan ==\n");
    await q.stop();
  });
  test("df.explain takes PySpark's extended and mode, positional or as keywords, with its errors", async () => {
    const printed: string[] = [];
    const session = spark.newSession();
    session.stdout = (t) => void printed.push(t);
    const df = session.readStream.format("rate").load();
    const out = (f: () => void) => {
      printed.length = 0;
      f();
      return printed.join("");
    };
    const simple = out(() => df.explain());
    const extended = out(() => df.explain(true));
    expect(simple).toStartWith("== Physical Plan ==\n");
    expect(extended).toStartWith("== Parsed Logical Plan ==\n");
    for (const f of [() => df.explain(false), () => df.explain("SIMPLE"), () => df.explain({ mode: "simple" }), () => df.explain(null, "simple")]) expect(out(f)).toBe(simple);
    for (const f of [() => df.explain("extended"), () => df.explain({ extended: true }), () => df.explain(undefined, "Extended")]) expect(out(f)).toBe(extended);
    expect(await failure(() => df.explain(true, "extended"))).toMatchObject({ code: "CANNOT_SET_TOGETHER" });
    expect((await failure(() => df.explain(loose(1)))).message).toContain("Argument `extended` should be a bool or str, got number.");
    expect((await failure(() => df.explain(undefined, loose(true)))).message).toContain("Argument `mode` should be a str, got boolean.");
    expect((await failure(() => df.explain("verbose"))).message)
      .toContain("Unknown explain mode: verbose. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.");
    const formatted = await failure(() => df.explain({ mode: "formatted" }));
    expect(formatted.code).toBe("UNSUPPORTED_EXPLAIN_MODE");
    expect(formatted.hint).toContain("Beyond Spark");
    expect((await failure(() => df.explain(loose({ mdoe: "simple" })))).code).toBe("UNEXPECTED_KEYWORD_ARGUMENT");
  });
});

describe("trigger takes PySpark's keyword arguments", () => {
  test('trigger("10 seconds") says to pass { processingTime: "10 seconds" }', async () => {
    const e = await failure(() => rate().writeStream.trigger(loose("10 seconds")));
    expect(e.code).toBe("NOT_DICT");
    expect(e.hint).toContain('trigger({ processingTime: "10 seconds" })');
  });

  test("none or several, a number, false, an unknown keyword", async () => {
    const w = () => rate().writeStream;
    expect((await failure(() => w().trigger({}))).message).toBe(
      '[ONLY_ALLOW_SINGLE_TRIGGER] Only a single trigger is allowed.\nHint: Use trigger({ processingTime: "10 seconds" }), trigger({ once: true }), trigger({ availableNow: true }), trigger({ continuous: "1 second" }) or trigger({ realTime: "5 minutes" }).',
    );
    expect((await failure(() => w().trigger({ processingTime: "1 second", once: true }))).code).toBe("ONLY_ALLOW_SINGLE_TRIGGER");
    const ms = await failure(() => w().trigger(loose({ processingTime: 1000 })));
    expect(ms.message).toStartWith("[VALUE_NOT_NON_EMPTY_STR] Value for `processingTime` must be a non-empty string, got '1000'.");
    expect(ms.hint).toContain('"1000 milliseconds"');
    expect((await failure(() => w().trigger({ once: false }))).message).toStartWith("[VALUE_NOT_TRUE] Value for `once` must be True, got 'false'.");
    const typo = await failure(() => w().trigger(loose({ processingtime: "1 second" })));
    expect(typo.code).toBe("UNEXPECTED_KEYWORD_ARGUMENT");
    expect(typo.hint).toContain("Did you mean 'processingTime'?");
  });
});

describe("spark.sparkContext", () => {
  test("appName, version, defaultParallelism", () => {
    const named = SparkSession.builder.appName("first-hour").create();
    expect(named.sparkContext.appName).toBe("first-hour");
    expect(named.sparkContext.version).toBe("4.1.1");
    expect(named.sparkContext.defaultParallelism).toBe(1);
    named.conf.set("spark.default.parallelism", 8);
    expect(named.sparkContext.defaultParallelism).toBe(8);
  });

  test("setLogLevel sets the level of the engine's messages, in any case; unknown levels are refused", async () => {
    const before = logLevel();
    const lines: string[] = [];
    const log = leveledLogger((line) => void lines.push(line));
    try {
      spark.sparkContext.setLogLevel("error");
      expect(logLevel()).toBe("ERROR");
      log.warn("hidden at ERROR");
      spark.sparkContext.setLogLevel("WARN");
      log.info("hidden at WARN");
      log.warn("shown at WARN");
      const bad = await failure(() => spark.sparkContext.setLogLevel("LOUD"));
      expect(bad.message).toContain("Supplied level LOUD did not match one of: ALL,DEBUG,ERROR,WARN,INFO,OFF,FATAL,TRACE");
    } finally {
      setLogLevel(before);
    }
    expect(lines).toEqual(["WARN shown at WARN\n"]);
  });

  test("a pipeline's setLogLevel(\"ERROR\") silences the warnings sources print", () => {
    const d = tempDir();
    const pipeline = join(d, "quiet.ts");
    const body = (level: string) => `import { SparkSession } from "sluice";
const spark = SparkSession.builder.getOrCreate();
${level}
const q = spark.readStream.schema("a INT").option("fileNameOnly", true).json(${JSON.stringify(d)})
  .writeStream.format("memory").queryName("quiet").trigger({ availableNow: true }).start();
await q.awaitTermination();
`;
    const run = (level: string) => {
      writeFileSync(pipeline, body(level));
      const p = Bun.spawnSync([process.execPath, join(import.meta.dir, "../../runtime/main.ts"), "run", "--no-progress", pipeline], { stderr: "pipe" });
      expect(p.exitCode).toBe(0);
      return p.stderr.toString();
    };
    expect(run("")).toContain("WARN 'fileNameOnly' is enabled.");
    expect(run('spark.sparkContext.setLogLevel("ERROR");')).not.toContain("WARN");
  });
});

describe("sources and output modes fail early, with a hint", () => {
  test("readStream.json without a schema fails at load(), as Spark's", async () => {
    const d = tempDir();
    writeFileSync(join(d, "a.json"), '{"a":1}\n');
    const e = await failure(() => spark.readStream.json(d));
    expect(e.code).toBe("_LEGACY_ERROR_TEMP_2048");
    expect(e.message).toContain("Schema must be specified when creating a streaming source DataFrame.");
    expect(e.hint).toContain(".schema(");
    expect(spark.read.json(d).schema.simpleString()).toBe("struct<a:bigint>");
  });

  test("append without a watermark names withWatermark and the other modes", async () => {
    const counts = rate().groupBy("value").count();
    const e = await failure(() => counts.writeStream.outputMode("append").format("memory").queryName("nowm").start());
    expect(e.code).toBe("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
    expect(e.hint).toContain('withWatermark("timestamp", "10 minutes")');
    expect(e.hint).toContain('outputMode("update")');
  });
});

describe("a sink plugin of one's own", () => {
  /** A sink keeping the last batch id in ctx.metadataDir, as docs/plugins.md's webhook sample does. */
  const journaling = (fail: boolean) => defineSink({
    name: fail ? "journal-failing" : "journal",
    summary: "Writes each batch id to a file in its metadata directory.",
    options: { type: "object", properties: {} },
    outputModes: ["append"],
    requiresCheckpoint: true,
    create: (_options, ctx) => {
      const file = join(ctx.metadataDir!, "last-batch.txt");
      return {
        description: "journal",
        addBatch: (batchId: number) => {
          if (fail) throw new TypeError("cannot read properties of undefined (reading 'rows')");
          writeFileSync(file, String(batchId));
        },
      };
    },
  });

  test("ctx.metadataDir exists before create(), so the plugin can write there at once", async () => {
    const checkpoint = tempDir();
    const session = spark.newSession();
    session.plugins.registry.register(journaling(false), "/home/me/plugins/journal.ts");
    const input = new MemoryStream(session, "v INT");
    const q = input.toDF().writeStream.format("journal").option("checkpointLocation", checkpoint).start();
    input.addData([[1]]);
    await q.processAllAvailable();
    await q.stop();
    expect(q.exception()).toBeNull();
    expect(readFileSync(join(checkpoint, "sink", "last-batch.txt"), "utf8")).toBe("0");
  });

  test("an exception from the plugin's own code names the plugin and its file", async () => {
    const checkpoint = tempDir();
    const session = spark.newSession();
    session.plugins.registry.register(journaling(true), "/home/me/plugins/journal_failing.ts");
    const input = new MemoryStream(session, "v INT");
    const q = input.toDF().writeStream.format("journal-failing").option("checkpointLocation", checkpoint).start();
    input.addData([[1]]);
    const e = await failure(() => q.awaitTermination(10));
    expect(e.code).toBe("PLUGIN_FAILED");
    expect(e.message).toContain("The sink 'journal-failing' (/home/me/plugins/journal_failing.ts) failed in addBatch(): cannot read properties of undefined");
    expect(existsSync(join(checkpoint, "sink"))).toBe(true);
  });
});

describe("readers and writers take PySpark's parameters, positional or as keywords", () => {
  const files = () => {
    const d = tempDir();
    writeFileSync(join(d, "a.csv"), "id,name\n1,ann\n2,bob\n");
    return d;
  };

  test("csv(path, schema, { header: true }) as csv(path, schema, header=True); json(path, { schema })", async () => {
    const d = files();
    expect(spark.read.csv(d, "id INT, name STRING", { header: true }).collect()).toEqual([{ id: 1, name: "ann" }, { id: 2, name: "bob" }]);
    expect(spark.read.csv(d, { header: true, inferSchema: true }).schema.simpleString()).toBe("struct<id:int,name:string>");
    const stream = spark.readStream.csv(d, { schema: "id INT, name STRING", header: true, sep: null });
    expect(stream.isStreaming).toBe(true);
    expect(stream.schema.simpleString()).toBe("struct<id:int,name:string>");
    writeFileSync(join(d, "b.json"), '{"a":1}\n');
    expect(spark.readStream.json(d, { schema: "a INT", pathGlobFilter: "*.json" }).schema.simpleString()).toBe("struct<a:int>");
  });

  test("load(path, format, schema, **options) and its keywords", async () => {
    const d = files();
    expect(spark.read.load(d, "csv", "id INT, name STRING", { header: true }).count()).toBe(2);
    expect(spark.read.load({ path: d, format: "csv", header: "true" }).columns).toEqual(["id", "name"]);
    // **options: any keyword is an option, checked by the source as .option() is.
    const e = await failure(() => spark.readStream.load(d, { format: "csv", schema: "id INT", headr: true }));
    expect(e.code).toBe("PLUGIN_OPTIONS_INVALID");
    expect(e.message).toContain("did you mean 'header'?");
  });

  test("a keyword PySpark's method does not take is refused, with the close one", async () => {
    const d = files();
    const e = await failure(() => spark.readStream.csv(d, loose({ schema: "id INT", haeder: true })));
    expect(e.code).toBe("UNEXPECTED_KEYWORD_ARGUMENT");
    expect(e.message).toContain("csv() got an unexpected keyword argument 'haeder'.");
    expect(e.hint).toStartWith("Did you mean 'header'? PySpark's csv() takes path, schema, sep,");
    // PySpark's streaming text() has no `schema` parameter.
    expect((await failure(() => spark.readStream.text(d, loose({ schema: "v STRING" })))).code).toBe("UNEXPECTED_KEYWORD_ARGUMENT");
    const twice = await failure(() => spark.read.csv(d, "id INT", loose({ schema: "id INT" })));
    expect(twice.message).toContain("csv() got multiple values for argument 'schema'.");
    const list = await failure(() => spark.readStream.json(loose([d, d]), "a INT"));
    expect(list.code).toBe("NOT_STR");
    expect(list.message).toContain("Argument `path` should be a str, got list.");
    expect(list.hint).toContain("glob pattern");
  });

  test("writeStream.start(path, format, outputMode, partitionBy, queryName, **options)", async () => {
    const out = tempDir();
    const q = rate().selectExpr("value", "value % 2 AS p").writeStream
      .start(join(out, "t"), { format: "json", partitionBy: "p", queryName: "kw_start", checkpointLocation: join(out, "cp"), trigger: undefined });
    expect(q.name).toBe("kw_start");
    expect(q.definition!.sink).toEqual({ kind: "format", format: "json" });
    expect(q.definition!.partitionBy).toEqual(["p"]);
    expect(q.definition!.options).toMatchObject({ path: join(out, "t"), checkpointLocation: join(out, "cp") });
    await q.stop();
    const e = await failure(() => rate().writeStream.start(loose({ format: "memory", queryname: "x" })));
    expect(e.code).toBe("PLUGIN_OPTIONS_INVALID");
  });
});

describe("createDataFrame without a schema infers it, as PySpark's", () => {
  test("spark.createDataFrame([{ name, age }]) as spark.createDataFrame([{'name': …, 'age': …}])", async () => {
    const df = spark.createDataFrame([{ name: "ann", age: 34 }, { name: "bob", age: null }]);
    expect(df.schema.simpleString()).toBe("struct<age:bigint,name:string>");
    expect(df.collect()).toEqual([{ age: 34, name: "ann" }, { age: null, name: "bob" }]);
    expect(spark.createDataFrame([[1, "a"]], ["id", "v"]).collect()).toEqual([{ id: 1, v: "a" }]);
    expect((await failure(() => spark.createDataFrame([]))).code).toBe("CANNOT_INFER_EMPTY_SCHEMA");
  });
});

describe("toDF and transform, as PySpark's", () => {
  test("toDF renames every column in order; the count must match, as Spark's require()", async () => {
    const b = spark.createDataFrame([[1, "x"]], ["_1", "_2"]).toDF("id", "name");
    expect(b.collect()).toEqual([{ id: 1, name: "x" }]);
    const e = await failure(() => b.toDF("only"));
    expect(e.message).toContain("requirement failed: The number of columns doesn't match.\nOld column names (2): id, name\nNew column names (1): only");
    expect((await failure(() => b.toDF("a", loose(5)))).code).toBe("NOT_LIST_OF_STR");
    expect(rate().toDF("ts", "n").isStreaming).toBe(true);
  });

  test("transform(f, ...args) calls f(df, ...args); f must return a DataFrame", async () => {
    const b = spark.createDataFrame([[1], [2]], "v INT");
    const plus = (df: typeof b, n: number) => df.withColumn("w", F.col("v").plus(n));
    expect(b.transform(plus, 10).collect()).toEqual([{ v: 1, w: 11 }, { v: 2, w: 12 }]);
    const e = await failure(() => b.transform(loose(() => 5)));
    expect(e.message).toContain("Func returned an instance of type [number], should have been DataFrame.");
  });
});
