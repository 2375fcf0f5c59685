import { describe, expect, test } from "bun:test";
import { SparkSession } from "./session.ts";
import { SharedState } from "./shared_state.ts";

const spark = new SparkSession(new SharedState());
const df = spark.readStream.format("rate").load();

describe("DataStreamWriter.definition", () => {
  test("is what the chain said, as startQuery takes it", () => {
    const w = df.writeStream.format("json").outputMode("append").option("checkpointLocation", "/cp").options({ compression: "gzip", dropped: null })
      .queryName("q").trigger({ availableNow: true }).partitionBy("value");
    const d = w.definition("/out");
    expect(d.session).toBe(spark);
    expect(d.plan).toBe(df.plan);
    expect(d.sink).toEqual({ kind: "format", format: "json" });
    expect(d.options).toEqual({ checkpointLocation: "/cp", compression: "gzip", path: "/out" });
    expect([d.partitionBy, d.outputMode, d.trigger, d.name]).toEqual([["value"], "append", { kind: "availableNow" }, "q"]);
    // start(path) does not stick to the writer.
    expect(w.definition().options).toEqual({ checkpointLocation: "/cp", compression: "gzip" });
  });

  test("the last of format(), foreachBatch() and foreach() decides the sink, as in Spark", () => {
    const fn = () => {};
    expect(df.writeStream.foreachBatch(fn).definition().sink).toEqual({ kind: "foreachBatch", fn });
    // Options (the checkpoint above all) go with any sink.
    expect(df.writeStream.option("checkpointLocation", "/cp").foreachBatch(fn).definition().options).toEqual({ checkpointLocation: "/cp" });
    expect(df.writeStream.foreach(fn).definition().sink).toEqual({ kind: "foreach", writer: fn });
    expect(df.writeStream.foreachBatch(fn).format("console").definition().sink).toMatchObject({ kind: "format", format: "console" });
    expect(df.writeStream.definition().sink).toMatchObject({ kind: "format", format: undefined });
  });
});
