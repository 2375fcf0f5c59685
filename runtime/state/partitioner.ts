// Which partition a key's state lives in: Spark's hashpartitioning(keys, n), that is
// pmod(murmur3(keys, seed 42), n) over the key values with their types, so a key lands in the
// partition Spark would put it in.
import { murmur3Value } from "../expr/functions/spark_hash.ts";
import type { DataType } from "../types/data_type.ts";
import type { StateKey } from "./state_store.ts";

const SEED = 42;

/** Spark's partition of `key` among `numPartitions`. */
export function partitionOf(key: StateKey, types: readonly DataType[], numPartitions: number): number {
  if (numPartitions === 1) return 0;
  let h = SEED;
  for (let i = 0; i < types.length; i++) h = murmur3Value(key[i], types[i]!, h);
  const m = h % numPartitions;
  return m < 0 ? m + numPartitions : m + 0; // + 0 turns -0 into 0
}
