// Keys land in the partition Spark puts them in: partitioner_golden.json holds, for streaming
// queries run by PySpark 4.1.1 with 5 shuffle partitions, every state key with the partition_id
// Spark's state data source read it from (scripts/goldens/state_partitions.py).
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Encoded, toInternal } from "../../tests/conformance/golden_values.ts";
import { parseDDL } from "../types/ddl.ts";
import { partitionOf } from "./partitioner.ts";

interface Golden {
  numPartitions: number;
  queries: Record<string, { keySchema: { name: string; type: string }[]; keys: [Encoded[], number][] }>;
}

const golden = JSON.parse(readFileSync(join(import.meta.dir, "partitioner_golden.json"), "utf8")) as Golden;

for (const [name, q] of Object.entries(golden.queries)) {
  test(`${name}: every key in Spark's partition`, () => {
    const types = q.keySchema.map((f) => parseDDL(f.type));
    const got = q.keys.map(([key]) => partitionOf(key.map((v, i) => toInternal(v, types[i]!)), types, golden.numPartitions));
    expect(got).toEqual(q.keys.map(([, p]) => p));
    // The keys are spread: more than one partition is used.
    expect(new Set(got).size).toBeGreaterThan(1);
  });
}

test("one partition needs no hashing", () => {
  expect(partitionOf(["anything"], [], 1)).toBe(0);
});
