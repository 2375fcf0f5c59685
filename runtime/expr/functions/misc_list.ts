// Session, error and partition functions; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { currentCatalog, currentDatabase, currentUser, sessionUser, user, version } from "./context_value.ts";
import { inputFileBlockLength, inputFileBlockStart, inputFileName, monotonicallyIncreasingId, sparkPartitionId } from "./partition_values.ts";
import { assertTrue, raiseError } from "./raise_error.ts";

export const miscFunctions: ScalarFunction[] = [
  assertTrue, currentCatalog, currentDatabase, currentUser, inputFileBlockLength, inputFileBlockStart, inputFileName,
  monotonicallyIncreasingId, raiseError, sessionUser, sparkPartitionId, user, version,
];
