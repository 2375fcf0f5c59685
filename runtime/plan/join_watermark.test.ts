import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { functions as F } from "../mod.ts";
import { SluiceError } from "../errors.ts";
import { MemoryStream } from "../testing/memory_stream.ts";
import { joinStatePredicates, stateValueWatermark } from "./join_watermark.ts";
import type { Plan } from "./plan.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
const imps = new MemoryStream(spark, "ik INT, it TIMESTAMP, iv STRING").toDF().withWatermark("it", "2 hours");
const clicks = new MemoryStream(spark, "ck INT, ct TIMESTAMP, cv STRING").toDF().withWatermark("ct", "3 hours");
const joinOf = (cond: string, how = "inner") => {
  let p: Plan = imps.join(clicks, F.expr(cond), how).plan;
  while (p.kind !== "join") p = (p as { input: Plan }).input;
  return p;
};
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof SluiceError ? `${e.code}: ${e.message}` : String(e);
  }
  return "started";
};

describe("stream-stream join state watermarks (StreamingJoinHelper)", () => {
  test("Spark's guide example: impressions kept an hour behind the watermark, clicks not bounded", () => {
    const j = joinOf("ik = ck AND ct >= it AND ct <= it + interval 1 hour");
    // ct <= it + 1h  =>  it >= ct - 1h  =>  state watermark = wm - 1h, minus 1 ms for the inclusive bound.
    expect(stateValueWatermark(j, "left", 10_000_000)).toBe(10_000_000 - 3_600_000 - 1);
    // ct >= it  =>  ct > wm - 1 ms
    expect(stateValueWatermark(j, "right", 10_000_000)).toBe(10_000_000 - 1);
  });

  test("strict bounds and bounds written either way round", () => {
    expect(stateValueWatermark(joinOf("ik = ck AND ct > it AND ct < it + interval 10 seconds"), "left", 100_000)).toBe(90_000);
    expect(stateValueWatermark(joinOf("ik = ck AND it + interval 10 seconds > ct"), "left", 100_000)).toBe(90_000);
    // it >= ct - 5 s bounds the impressions from below (by the clicks' watermark), not the clicks.
    expect(stateValueWatermark(joinOf("ik = ck AND it >= ct - interval 5 seconds"), "left", 100_000)).toBe(95_000 - 1);
    expect(stateValueWatermark(joinOf("ik = ck AND it >= ct - interval 5 seconds"), "right", 100_000)).toBeUndefined();
  });

  test("no bound: no state watermark; a watermarked join key evicts by key", () => {
    expect(stateValueWatermark(joinOf("ik = ck AND ct >= it"), "left", 100_000)).toBeUndefined();
    expect(stateValueWatermark(joinOf("ik = ck AND iv = cv"), "left", 100_000)).toBeUndefined();
    const byKey = joinStatePredicates(joinOf("ik = ck AND it = ct"));
    expect([byKey.left?.kind, byKey.right?.kind]).toEqual(["key", "key"]);
    const byValue = joinStatePredicates(joinOf("ik = ck AND ct BETWEEN it AND it + interval 1 hour"));
    expect([byValue.left?.kind, byValue.right?.kind]).toEqual(["value", "value"]);
  });
});

describe("stream-stream joins at start() (UnsupportedOperationChecker)", () => {
  const start = (cond: string, how: string, mode = "append") => () =>
    imps.join(clicks, F.expr(cond), how).writeStream.format("memory").queryName(`q${Math.random().toString(36).slice(2)}`).outputMode(mode).start();
  test("outer joins need a bound on the side that waits", () => {
    expect(codeOf(start("ik = ck", "left_outer"))).toContain("_LEGACY_ERROR_TEMP_3102: Stream-stream LeftOuter join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition");
    expect(codeOf(start("ik = ck AND iv = cv", "full_outer"))).toContain("Stream-stream FullOuter join");
    // One side bounded is enough for a full outer join (Spark 4.1).
    expect(codeOf(start("ik = ck AND ct <= it + interval 1 hour", "full_outer"))).toBe("started");
    expect(codeOf(start("ik = ck", "inner", "update"))).toContain("not supported in Update output mode, only in Append output mode");
    expect(codeOf(start("ik < ck", "inner"))).toContain("_LEGACY_ERROR_TEMP_1181: Stream-stream join without equality predicate is not supported.");
  });
});

describe("a stream-stream join's progress", () => {
  test("symmetricHashJoin counts each buffered row once, late rows, and evicted rows", async () => {
    const s = spark.newSession();
    s.conf.set("spark.sql.shuffle.partitions", "2");
    const a = new MemoryStream(s, "ik INT, it TIMESTAMP"), b = new MemoryStream(s, "ck INT, ct TIMESTAMP");
    const l = a.toDF().withWatermark("it", "0 seconds"), r = b.toDF().withWatermark("ct", "0 seconds");
    const got: unknown[][] = [];
    const q = l.join(r, F.expr("ik = ck AND ct BETWEEN it AND it + interval 10 seconds"), "left_outer").writeStream
      .foreachBatch((df) => { got.push(...df.collectRaw().rows); }).start();
    const at = (sec: number) => Date.UTC(2024, 0, 1, 0, 0, sec) * 1000;
    a.addData([[1, at(0)], [2, at(1)]]);
    b.addData([[1, at(5)]]);
    await q.processAllAvailable();
    const opsOf = () => q.lastProgress!.stateOperators as StateOperatorProgress[];
    let ops = opsOf();
    // Four stores per partition; each buffered row counted once (keyWithIndexToValue).
    expect(ops.map((o) => [o.operatorName, o.numRowsTotal, o.numShufflePartitions, o.numStateStoreInstances]))
      .toEqual([["symmetricHashJoin", 3, 2, 8]]);
    a.addData([[3, at(40)]]);
    b.addData([[4, at(40)], [1, at(0)]]);
    await q.processAllAvailable();
    await q.stop();
    ops = opsOf();
    expect(got.filter((r) => r[3] === null).map((r) => r[0]).sort()).toEqual([2]);
    expect(ops[0]!.numRowsDroppedByWatermark).toBe(0);
  });
});
