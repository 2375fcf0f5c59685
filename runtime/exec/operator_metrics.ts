// A stateful operator's progress figures (Spark's StateOperatorProgress), filled in as a batch
// runs and completed by the state commit.
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { OperatorStateMetrics } from "../state/operator_state.ts";

export function emptyMetrics(operatorName: string): StateOperatorProgress {
  return {
    operatorName, numRowsTotal: 0, numRowsUpdated: 0, allUpdatesTimeMs: 0, numRowsRemoved: 0, allRemovalsTimeMs: 0,
    commitTimeMs: 0, memoryUsedBytes: 0, numRowsDroppedByWatermark: 0, numShufflePartitions: 1, numStateStoreInstances: 1,
    customMetrics: {},
  };
}

/** Progress figures completed with what the commit measured. */
export function withCommit(m: StateOperatorProgress, done: { commitTimeMs: number; metrics: OperatorStateMetrics }): StateOperatorProgress {
  return {
    ...m,
    numRowsTotal: done.metrics.numRowsTotal,
    commitTimeMs: done.commitTimeMs,
    memoryUsedBytes: done.metrics.memoryUsedBytes,
    numShufflePartitions: done.metrics.numPartitions,
    numStateStoreInstances: done.metrics.numStateStoreInstances,
  };
}
