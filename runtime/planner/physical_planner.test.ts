import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import type { DeclaredOperator } from "../state/operator_metadata.ts";
import { statefulInfos } from "./physical_plan.ts";
import { planPhysical } from "./physical_planner.ts";
import { pushySession } from "./test_kit.ts";

test("stateful operators are numbered from the top, left before right, as Spark's transformDown numbers them", () => {
  const { spark } = pushySession();
  const src = spark.readStream.format("pushy").load().withWatermark("ts", "1 minute");
  const left = src.dropDuplicates(["k", "ts"]);
  const right = src.dropDuplicatesWithinWatermark(["note"]);
  const df = left.union(right).groupBy(F.window("ts", "1 minute")).count();
  const infos = statefulInfos(planPhysical(df.plan, { shufflePartitions: 3 }));
  expect(infos.map((i) => [i.operatorId, i.operatorName])).toEqual([[1, "dedupe"], [2, "dedupeWithinWatermark"], [0, "stateStoreSave"]]);
});

test("each operator's partitions come from partitionsOf (the checkpoint), which sees its stores", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().groupBy("k").count().dropDuplicates(["k"]);
  const asked: DeclaredOperator[] = [];
  const infos = statefulInfos(planPhysical(df.plan, {
    shufflePartitions: 8,
    partitionsOf: (op) => (asked.push(op), op.operatorId === 0 ? 1 : 5),
  }));
  expect(asked.map((o) => [o.operatorId, o.operatorName, o.stores.map((s) => s.name)])).toEqual([[0, "dedupe", ["default"]], [1, "stateStoreSave", ["default"]]]);
  expect(infos.map((i) => [i.operatorId, i.numPartitions])).toEqual([[1, 5], [0, 1]]);
});

test("stores: key and value schemas, what they are ordered by, how keys are partitioned", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().withWatermark("ts", "1 minute").groupBy(F.window("ts", "1 minute"), "k").agg(F.sum("v"));
  const [info] = statefulInfos(planPhysical(df.plan, { shufflePartitions: 2 }));
  const store = info!.stores[0]!;
  expect(store.keySchema.simpleString()).toBe("struct<key0:struct<start:timestamp,end:timestamp>,key1:string>");
  expect(store.eventTimeOf!([[0, 60_000_000], "a"], [])).toBe(60_000_000);
  expect(info!.partitioning.kind).toBe("hash");
});
