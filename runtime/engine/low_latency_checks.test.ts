// What start() refuses for real-time mode and continuous processing, with Spark's error classes and
// messages (STREAMING_REAL_TIME_MODE.*, INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL from Spark
// 4.1.1's error-conditions.json; checkForContinuous's messages). No query here gets to read: every
// one is refused before its source or sink is created, so the Kafka address is never dialled.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../api/session.ts";
import { SharedState } from "../api/shared_state.ts";
import { functions as F } from "../api/functions.ts";
import { MemoryStream } from "../testing/memory_stream.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-low-latency-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spark = new SparkSession(new SharedState());
const kafka = () => spark.readStream.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9").option("subscribe", "t").load();
const refused = (start: () => unknown): { code: string; message: string } => {
  try {
    start();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message.split("\nHint:")[0]! };
  }
  throw new Error("expected start() to refuse the query");
};
const kafkaSink = (df: ReturnType<typeof kafka>, mode = "update") =>
  df.writeStream.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9").option("topic", "out")
    .option("checkpointLocation", join(dir, String(Math.random()))).outputMode(mode);

describe("real-time mode at start()", () => {
  test("the batch duration must reach spark.sql.streaming.realTimeMode.minBatchDuration (5 s by default)", () => {
    expect(refused(() => kafkaSink(kafka()).trigger({ realTime: "1 second" }).start())).toEqual({
      code: "INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL",
      message: "[INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL] The real-time trigger interval is set to 1000 ms. This is less than the 5000 ms minimum specified by spark.sql.streaming.realTimeMode.minBatchDuration. SQLSTATE: 22023",
    });
  });

  test("update output mode only", () => {
    expect(refused(() => kafkaSink(kafka(), "append").trigger({ realTime: "5 minutes" }).start())).toEqual({
      code: "STREAMING_REAL_TIME_MODE.OUTPUT_MODE_NOT_SUPPORTED",
      message: "[STREAMING_REAL_TIME_MODE.OUTPUT_MODE_NOT_SUPPORTED] Streaming real-time mode has the following limitation: The output mode Append is not supported. To work around this limitation, set the output mode to Update. In the future, Append may be supported. SQLSTATE: 0A000",
    });
  });

  test("sources that read in real time only (kafka)", () => {
    const rate = spark.readStream.format("rate").load();
    expect(refused(() => rate.writeStream.format("console").outputMode("update").option("checkpointLocation", join(dir, "r"))
      .trigger({ realTime: "5 minutes" }).start()).code).toBe("STREAMING_REAL_TIME_MODE.INPUT_STREAM_NOT_SUPPORTED");
  });

  test("sinks: kafka, console, memory and foreach; foreachBatch and files are refused", () => {
    expect(refused(() => kafka().writeStream.outputMode("update").option("checkpointLocation", join(dir, "fb"))
      .foreachBatch(() => {}).trigger({ realTime: "5 minutes" }).start()).code).toBe("STREAMING_REAL_TIME_MODE.SINK_NOT_SUPPORTED");
    expect(refused(() => kafka().writeStream.format("parquet").option("path", join(dir, "p")).outputMode("update")
      .option("checkpointLocation", join(dir, "pq")).trigger({ realTime: "5 minutes" }).start())).toEqual({
      code: "STREAMING_REAL_TIME_MODE.OPERATOR_OR_SINK_NOT_IN_ALLOWLIST",
      message: "[STREAMING_REAL_TIME_MODE.OPERATOR_OR_SINK_NOT_IN_ALLOWLIST] Streaming real-time mode has the following limitation: The sink(s): parquet is not in the sink allowlist for Real-Time Mode. To bypass this check, set spark.sql.streaming.realTimeMode.allowlistCheck to false. By changing this, you agree to run the query at your own risk. SQLSTATE: 0A000",
    });
  });

  test("operators: aggregations, sorts and limits are refused; a checkpoint is required", () => {
    const counts = kafka().groupBy("partition").count();
    expect(refused(() => kafkaSink(counts.selectExpr("CAST(count AS STRING) AS value")).trigger({ realTime: "5 minutes" }).start()).message)
      .toContain("The operator(s): org.apache.spark.sql.execution.aggregate.HashAggregateExec, ");
    // Spark allows unions; Sluice's union gathers its inputs, so real-time mode refuses it.
    expect(refused(() => kafkaSink(kafka().union(kafka()).select("value")).trigger({ realTime: "5 minutes" }).start()).message)
      .toContain("The operator(s): org.apache.spark.sql.execution.UnionExec is not in the operator allowlist");
    const noCheckpoint = kafka().writeStream.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9").option("topic", "out").outputMode("update");
    expect(refused(() => noCheckpoint.trigger({ realTime: "5 minutes" }).start()).code).toBe("_LEGACY_ERROR_TEMP_1298");
  });
});

describe("continuous processing at start()", () => {
  test("projections and filters only", () => {
    expect(refused(() => kafkaSink(kafka().groupBy("key").count().selectExpr("CAST(count AS STRING) AS value"), "update")
      .trigger({ continuous: "1 second" }).start())).toEqual({
      code: "_LEGACY_ERROR_TEMP_3102",
      message: "Continuous processing does not support Aggregate operations.",
    });
    expect(refused(() => kafkaSink(kafka().select(F.current_timestamp().cast("string").alias("value")), "append")
      .trigger({ continuous: "1 second" }).start()).message).toBe("Continuous processing does not support current time operations.");
  });

  test("sources and sinks that run continuously", () => {
    const input = new MemoryStream(spark, "value STRING");
    expect(refused(() => kafkaSink(input.toDF() as never, "append").trigger({ continuous: "1 second" }).start()).code).toBe("_LEGACY_ERROR_TEMP_2253");
    expect(refused(() => kafka().writeStream.format("parquet").option("path", join(dir, "c")).option("checkpointLocation", join(dir, "cc"))
      .trigger({ continuous: "1 second" }).start())).toEqual({
      code: "_LEGACY_ERROR_TEMP_1195",
      message: "'parquet' is not supported with continuous trigger.",
    });
  });
});
