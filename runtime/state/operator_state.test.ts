import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LONG, STRING, StructField, StructType } from "../types/data_type.ts";
import { OperatorState, type StoreSpec } from "./operator_state.ts";
import { partitionOf } from "./partitioner.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-op-state-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const stateDir = () => join(root, `state-${n++}`);

const keySchema = new StructType([new StructField("k", STRING, true)]);
const valueSchema = new StructType([new StructField("n", LONG, true)]);
const store = (name: string, extra: Partial<StoreSpec> = {}): StoreSpec => ({ name, keySchema, valueSchema, ...extra });
const options = { snapshotInterval: 10, retain: 100 };

test("keys go to the partition Spark hashes them to; a batch commits every partition", async () => {
  const dir = stateDir();
  const state = new OperatorState({ operatorId: 3, numPartitions: 4 }, [store("default")], { kind: "hash", keyTypes: [STRING] }, { stateDir: dir, options });
  const b0 = state.load(0);
  const keys = Array.from({ length: 40 }, (_, i) => [`user-${i}`]);
  for (const k of keys) b0.storeFor(k).put(k, [1]);
  for (const k of keys) expect(b0.store(partitionOf(k, [STRING], 4)).get(k)).toEqual([1]);
  await b0.commit();
  expect(readdirSync(join(dir, "3")).sort()).toEqual(["0", "1", "2", "3"]);
  for (const p of ["0", "1", "2", "3"]) expect(readdirSync(join(dir, "3", p))).toEqual(["1.delta"]);
  expect(b0.metrics()).toMatchObject({ numRowsTotal: 40, numStateStoreInstances: 4, numPartitions: 4 });
  // Every partition got some keys.
  expect(b0.storesNamed().every((s) => s.size > 0)).toBe(true);
  // A new OperatorState (a restart) reads them back.
  const again = new OperatorState({ operatorId: 3, numPartitions: 4 }, [store("default")], { kind: "hash", keyTypes: [STRING] }, { stateDir: dir, options });
  expect(again.load(1).storeFor(["user-7"]).get(["user-7"])).toEqual([1]);
});

test("stores other than the default live in a folder of their name inside each partition", async () => {
  const dir = stateDir();
  const stores = [store("left-keyToNumValues"), store("left-keyWithIndexToValue", { numColsPrefixKey: 1 })];
  const state = new OperatorState({ operatorId: 0, numPartitions: 2 }, stores, { kind: "hash", keyTypes: [STRING] }, { stateDir: dir, options });
  const b = state.load(0);
  b.storeFor(["a"], "left-keyToNumValues").put(["a"], [2]);
  b.storeFor(["a"], "left-keyWithIndexToValue").put(["a", 0], [10]);
  b.storeFor(["a"], "left-keyWithIndexToValue").put(["a", 1], [11]);
  expect([...b.storeFor(["a"], "left-keyWithIndexToValue").prefixScan(["a"])].map(([k]) => k)).toEqual([["a", 0], ["a", 1]]);
  await b.commit();
  for (const p of ["0", "1"]) {
    expect(readdirSync(join(dir, "0", p)).sort()).toEqual(["left-keyToNumValues", "left-keyWithIndexToValue"]);
    expect(existsSync(join(dir, "0", p, "left-keyToNumValues", "1.delta"))).toBe(true);
  }
  expect(() => b.storesNamed("nope")).toThrow("no state store named nope");
});

test("an operator without keys has one partition whatever the count", async () => {
  const state = new OperatorState({ operatorId: 0, numPartitions: 8 }, [store("default")], { kind: "single" }, { options });
  const b = state.load(0);
  b.storeFor([]).put([], [5]);
  expect(b.partitions).toBe(1);
  await b.commit();
  // As Spark reports a global aggregation: the query's partitions, one store instance.
  expect(b.metrics()).toMatchObject({ numPartitions: 8, numStateStoreInstances: 1 });
  expect(state.load(1).store(0).get([])).toEqual([5]);
});

test("eviction across partitions visits only what expired", async () => {
  const state = new OperatorState({ operatorId: 0, numPartitions: 3 }, [store("default", { eventTimeOf: (_k, v) => v[0] as number })],
    { kind: "hash", keyTypes: [STRING] }, { options });
  const b = state.load(0);
  for (let i = 0; i < 300; i++) b.storeFor([`k${i}`]).put([`k${i}`], [i]);
  const expired = b.storesNamed().flatMap((s) => s.evictUpTo(9)).map(([k]) => k[0]).sort();
  expect(expired).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
  expect(b.metrics().numRowsTotal).toBe(290);
});
