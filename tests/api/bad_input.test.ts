// Bad input fails when the DataFrame is built or at start(), before any data is read, with a
// stable code and Spark's words where Spark has them.
import { describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
const rate = () => spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 1).load();

function failure(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error("expected an error");
}

describe("bad input", () => {
  test("unknown column: UNRESOLVED_COLUMN with Did you mean", () => {
    const e = failure(() => rate().select("valeu"));
    expect(e.code).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    expect(e.message).toContain("A column, variable, or function parameter with name `valeu` cannot be resolved. Did you mean one of the following? [`value`, `timestamp`].");
  });

  test("a bad expression string points at the offending text", () => {
    const e = failure(() => rate().selectExpr("value + * 2"));
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    // Spark reads `value + *` and stops at the 2 (checked against PySpark 4.1.1).
    expect(e.message).toContain("Syntax error at or near '2': extra input '2'. SQLSTATE: 42601 (line 1, pos 10)");
    expect(e.message).toContain("value + * 2\n----------^");
    const u = failure(() => rate().filter("value > 1 AND nope = 2"));
    expect(u.code).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    expect(u.message).toContain("value > 1 AND nope = 2\n--------------^^^^");
  });

  test("a wrong type", () => {
    expect(failure(() => rate().select(F.upper(F.col("value")).plus(F.lit(true)))).code).toMatch(/^DATATYPE_MISMATCH\./);
    expect(failure(() => rate().filter(F.col("value"))).code).toBe("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN");
  });

  test("an unknown format or option", () => {
    const f = failure(() => spark.readStream.format("rat").load());
    expect(f.code).toBe("DATA_SOURCE_NOT_FOUND");
    const o = failure(() => spark.readStream.format("rate").option("rowsPerSecnd", 5).load());
    expect(o.code).toBe("PLUGIN_OPTIONS_INVALID");
    expect(o.message).toContain("rowsPerSecnd");
    expect(failure(() => rate().writeStream.format("consol").start()).code).toBe("DATA_SOURCE_NOT_FOUND");
  });

  test("an invalid trigger or output mode", () => {
    expect(failure(() => rate().writeStream.trigger({ processingTime: "soon" })).code).toBe("INVALID_INTERVAL_FORMAT.INVALID_UNIT");
    const m = failure(() => rate().writeStream.outputMode("everything").format("console").start());
    expect(m.code).toBe("STREAMING_OUTPUT_MODE.INVALID");
    expect(m.message).toContain("Invalid streaming output mode: everything. Accepted output modes are 'Append', 'Complete', 'Update'.");
    const c = failure(() => rate().writeStream.outputMode("complete").format("console").start());
    expect(c.code).toBe("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
    const file = failure(() => rate().groupBy("value").count().writeStream.outputMode("update").format("json").option("path", "/tmp/x").option("checkpointLocation", "/tmp/y").start());
    expect(file.code).toBe("STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE");
  });

  test("batch actions on a stream use Spark's message", () => {
    const e = failure(() => rate().collect());
    expect(e.message).toContain("Queries with streaming sources must be executed with writeStream.start()");
  });

  test("the memory sink needs a query name; a name can be used once at a time", async () => {
    expect(failure(() => rate().writeStream.format("memory").start()).message).toContain("queryName must be specified for memory sink");
    const q = rate().writeStream.format("memory").queryName("taken").start();
    expect(failure(() => rate().writeStream.format("memory").queryName("taken").start()).code).toBe("DUPLICATE_QUERY_NAME");
    await q.stop();
  });

  test("windows: slide longer than the window, months, a non-timestamp column", () => {
    const df = rate();
    expect(failure(() => df.groupBy(F.window("timestamp", "5 seconds", "10 seconds")).count()).message).toContain("must be less than or equal to the windowDuration");
    expect(failure(() => df.groupBy(F.window("timestamp", "1 month")).count()).message).toContain("Intervals greater than a month is not supported");
    expect(failure(() => df.groupBy(F.window("value", "5 seconds")).count()).code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    expect(failure(() => df.withWatermark("value", "10 seconds")).code).toBe("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE");
    expect(failure(() => df.withWatermark("timestamp", "10 seconds").withWatermark("timestamp", "5 seconds")).code).toBe("_LEGACY_ERROR_TEMP_3076");
  });

  test("aggregate misuse", () => {
    const e = failure(() => rate().groupBy("value").agg(F.col("timestamp")));
    expect(e.code).toBe("MISSING_AGGREGATION");
  });
});
