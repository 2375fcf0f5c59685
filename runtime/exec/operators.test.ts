// The operators one by one, driven by hand: chunks in, chunks out, finish.
import { expect, test } from "bun:test";
import { SparkSession, functions as F } from "sluice";
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import { partitionOf } from "../state/partitioner.ts";
import { STRING } from "../types/data_type.ts";
import { batchQueryContext } from "./batch_context.ts";
import { ExchangeExec } from "./exchange_exec.ts";
import { HashAggregateExec } from "./hash_aggregate_exec.ts";
import { JoinExec } from "./join_exec.ts";
import { GlobalLimitExec } from "./limit_exec.ts";
import { NO_PARTITION, type Output } from "./operator.ts";

/** An output that records what reaches it. */
function recorder() {
  const chunks: { rows: Row[]; partition: number }[] = [];
  let finished = 0;
  const out: Output = { process: (rows, _ctx, partition) => void chunks.push({ rows, partition }), finish: () => void finished++ };
  return { out, chunks, finished: () => finished };
}

const ctx = batchQueryContext(0);
const spark = SparkSession.builder.create();

test("Exchange: each row in the partition Spark's hashpartitioning gives its keys, one chunk per partition", () => {
  const r = recorder();
  const key = { kind: "ref" as const, ordinal: 0, type: STRING, nullable: true, name: "k" };
  const ex = new ExchangeExec({ kind: "hash", keys: [key], numPartitions: 4 }, r.out);
  const rows: Row[] = Array.from({ length: 50 }, (_, i) => [`k${i}`, i]);
  ex.process(rows, ctx);
  ex.finish(ctx);
  expect(r.finished()).toBe(1);
  for (const c of r.chunks) for (const row of c.rows) expect(partitionOf([row[0]], [STRING], 4)).toBe(c.partition);
  expect(r.chunks.reduce((n, c) => n + c.rows.length, 0)).toBe(50);
  expect(new Set(r.chunks.map((c) => c.partition)).size).toBe(r.chunks.length);
  const single = recorder();
  new ExchangeExec({ kind: "single" }, single.out).process(rows, ctx);
  expect(single.chunks.map((c) => c.partition)).toEqual([0]);
});

test("HashAggregate: folds chunk after chunk; partial emits [keys…, buffers…], complete the results", () => {
  const plan = spark.createDataFrame([], "k STRING, v BIGINT").groupBy("k").agg(F.sum("v").alias("s"), F.count("*").alias("n")).plan as Extract<Plan, { kind: "aggregate" }>;
  const partial = recorder(), complete = recorder();
  const p = new HashAggregateExec(plan, "partial", partial.out), c = new HashAggregateExec(plan, "complete", complete.out);
  for (const op of [p, c]) {
    op.process([["a", 1], ["b", 2]], ctx, 0, NO_PARTITION);
    op.process([["a", 3]], ctx, 0, NO_PARTITION);
    op.finish(ctx);
  }
  expect(partial.chunks[0]!.rows.map((r) => [r[0], r.length])).toEqual([["a", 3], ["b", 3]]);
  expect(complete.chunks[0]!.rows).toEqual([["a", 4, 2], ["b", 2, 1]]);
  // A global aggregation of nothing still has its row (count 0).
  const global = spark.createDataFrame([], "v BIGINT").groupBy().count().plan as Extract<Plan, { kind: "aggregate" }>;
  const g = recorder();
  new HashAggregateExec(global, "complete", g.out).finish(ctx);
  expect(g.chunks[0]!.rows).toEqual([[0]]);
});

test("HashAggregate over input partitions (a local relation in Spark's slices): partial per partition, merged in partition order", () => {
  const plan = spark.createDataFrame([], "k STRING, v BIGINT").groupBy("k").agg(F.collect_list("v").alias("l")).plan as Extract<Plan, { kind: "aggregate" }>;
  const r = recorder();
  const op = new HashAggregateExec(plan, "complete", r.out);
  op.process([["a", 3], ["b", 4]], ctx, 0, 1);
  op.process([["a", 1]], ctx, 0, 0);
  op.process([["a", 2]], ctx, 0, 1);
  op.finish(ctx);
  expect(r.chunks[0]!.rows).toEqual([["a", [1, 3, 2]], ["b", [4]]]);
  // A global aggregation merges one buffer per partition, also for a partition without rows.
  const global = spark.createDataFrame([], "v BIGINT").agg(F.count("v").alias("n"), F.collect_list("v").alias("l")).plan as Extract<Plan, { kind: "aggregate" }>;
  const g = recorder();
  const gop = new HashAggregateExec(global, "complete", g.out);
  gop.process([[5]], ctx, 0, 1);
  gop.finish(ctx);
  expect(g.chunks[0]!.rows).toEqual([[1, [5]]]);
});

test("a local relation is read in min(rows, spark.default.parallelism) partitions, so skewness merges as Spark's local[2] does", async () => {
  const s = SparkSession.builder.create();
  const q = "SELECT skewness(a), kurtosis(a), variance(a) FROM VALUES (1), (1), (2), (2), (3), (3), (null), (3), (null) AS t(a)";
  // One partition: every row folded into one buffer.
  const values = async () => Object.values((await s.sql(q).collect())[0]!);
  expect(await values()).toEqual([-0.27238010581457267, -1.506920415224914, 0.8095238095238096]);
  // Spark 4.1.1's answer in local[2] (group-by.sql): rows [0, 4) and [4, 9) merged.
  s.conf.set("spark.default.parallelism", "2");
  expect(await values()).toEqual([-0.2723801058145729, -1.5069204152249134, 0.8095238095238094]);
});

test("Join: the built side first, then each probe chunk is joined as it arrives; full outer adds the unmatched at the end", () => {
  const left = spark.createDataFrame([], "k STRING, l BIGINT"), right = spark.createDataFrame([], "rk STRING, r BIGINT");
  const node = (how: string) => left.join(right, F.col("k").equalTo(F.col("rk")), how).plan;
  const findJoin = (p: Plan): Extract<Plan, { kind: "join" }> => (p.kind === "join" ? p : findJoin((p as { input: Plan }).input));
  const inner = recorder();
  const j = new JoinExec(findJoin(node("inner")), inner.out);
  j.process([["a", 10], ["b", 20]], ctx, 1);
  j.finish(ctx, 1);
  j.process([["a", 1]], ctx, 0);
  expect(inner.chunks.map((c) => c.rows)).toEqual([[["a", 1, "a", 10]]]);
  j.process([["c", 3], ["b", 2]], ctx, 0);
  j.finish(ctx, 0);
  expect(inner.chunks.map((c) => c.rows)).toEqual([[["a", 1, "a", 10]], [["b", 2, "b", 20]]]);
  expect(inner.finished()).toBe(1);

  const full = recorder();
  const f = new JoinExec(findJoin(node("full")), full.out);
  f.process([["a", 1], ["z", 9]], ctx, 0); // probe rows before the built side is complete: they wait
  f.process([["a", 10], ["b", 20]], ctx, 1);
  f.finish(ctx, 1);
  f.finish(ctx, 0);
  expect(full.chunks.flatMap((c) => c.rows)).toEqual([["a", 1, "a", 10], ["z", 9, null, null], [null, null, "b", 20]]);
});

test("GlobalLimit (batch): stops passing rows once the limit is reached, across chunks", () => {
  const r = recorder();
  const l = new GlobalLimitExec(3, r.out);
  l.process([[1], [2]], ctx, 0, NO_PARTITION);
  l.process([[3], [4]], ctx, 0, NO_PARTITION);
  l.process([[5]], ctx, 0, NO_PARTITION);
  l.finish(ctx);
  expect(r.chunks.flatMap((c) => c.rows)).toEqual([[1], [2], [3]]);
});
