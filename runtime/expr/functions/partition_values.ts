// spark_partition_id(), monotonically_increasing_id(), input_file_name() and friends: facts of
// the partition a row is processed in. Sluice evaluates a batch as one partition (id 0); row ids
// count rows within the batch (partition 0 puts nothing in the upper bits); rows carry no file
// name (the empty string, as Spark gives when not available).
import type { EvalContext } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, LONG, STRING } from "../../types/data_type.ts";
import { longFromBigInt } from "../../types/long.ts";

export const sparkPartitionId: ScalarFunction = {
  kind: "scalar",
  name: "spark_partition_id",
  minArgs: 0,
  maxArgs: 0,
  bind: () => ({
    type: INT, nullable: false, args: [], nullSafe: true, deterministic: false, contextual: true,
    impl: (batch: EvalContext) => batch.partitionIndex,
  }),
};

export const monotonicallyIncreasingId: ScalarFunction = {
  kind: "scalar",
  name: "monotonically_increasing_id",
  minArgs: 0,
  maxArgs: 0,
  bind: () => {
    // The row counter of this call lives in the batch's scratch map: each batch and partition
    // counts from 0, as each Spark task does.
    const owner = {};
    return {
      type: LONG, nullable: false, args: [], nullSafe: true, deterministic: false, contextual: true,
      impl: (batch: EvalContext) => {
        const mine = batch.scratch.get(owner) as { partition: number; next: number } | undefined;
        const counter = mine?.partition === batch.partitionIndex ? mine : { partition: batch.partitionIndex, next: 0 };
        if (counter !== mine) batch.scratch.set(owner, counter);
        return longFromBigInt((BigInt(batch.partitionIndex) << 33n) + BigInt(counter.next++));
      },
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
