// spark_partition_id(), monotonically_increasing_id(), input_file_name() and friends: facts of
// the partition a row is processed in. Sluice evaluates a batch as one partition (id 0); row ids
// count rows within the query (partition 0 puts nothing in the upper bits); rows carry no file
// name (the empty string, as Spark gives when not available).
import type { ScalarFunction } from "../function_def.ts";
import { INT, LONG, STRING } from "../../types/data_type.ts";
import { longFromBigInt } from "../../types/long.ts";

export const sparkPartitionId: ScalarFunction = {
  kind: "scalar",
  name: "spark_partition_id",
  minArgs: 0,
  maxArgs: 0,
  bind: (_args, ctx) => {
    const runtime = ctx.runtime;
    return { type: INT, nullable: false, args: [], nullSafe: true, deterministic: false, impl: () => runtime.partitionIndex };
  },
};

export const monotonicallyIncreasingId: ScalarFunction = {
  kind: "scalar",
  name: "monotonically_increasing_id",
  minArgs: 0,
  maxArgs: 0,
  bind: (_args, ctx) => {
    const runtime = ctx.runtime;
    let next = 0;
    return {
      type: LONG, nullable: false, args: [], nullSafe: true, deterministic: false,
      impl: () => longFromBigInt((BigInt(runtime.partitionIndex) << 33n) + BigInt(next++)),
    };
  },
};

export const inputFileName: ScalarFunction = {
  kind: "scalar",
  name: "input_file_name",
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({ type: STRING, nullable: false, args: [], nullSafe: true, deterministic: false, impl: () => "" }),
};

export const inputFileBlockStart: ScalarFunction = {
  kind: "scalar",
  name: "input_file_block_start",
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({ type: LONG, nullable: false, args: [], nullSafe: true, deterministic: false, impl: () => -1 }),
};

export const inputFileBlockLength: ScalarFunction = {
  kind: "scalar",
  name: "input_file_block_length",
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({ type: LONG, nullable: false, args: [], nullSafe: true, deterministic: false, impl: () => -1 }),
};
