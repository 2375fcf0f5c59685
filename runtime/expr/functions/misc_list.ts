// Session, error and partition functions, and equal_null; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { currentCatalog, currentDatabase, currentUser, sessionUser, user, version } from "./context_value.ts";
import { inputFileBlockLength, inputFileBlockStart, inputFileName, monotonicallyIncreasingId, sparkPartitionId } from "./partition_values.ts";
import { assertTrue, raiseError } from "./raise_error.ts";
import { fn as equalNull } from "./equal_null.ts";

export const miscFunctions: ScalarFunction[] = [
  assertTrue, currentCatalog, equalNull, currentDatabase, currentUser, inputFileBlockLength, inputFileBlockStart, inputFileName,
  monotonicallyIncreasingId, raiseError, sessionUser, sparkPartitionId, user, version,
];
