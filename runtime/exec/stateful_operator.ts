// What the scheduler needs from each stateful operator in a compiled plan.
import type { OutputMode } from "../plugin/contract.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { OperatorState, StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";

/** The per-batch facts a stateful operator works with. */
export interface BatchContext {
  batchId: number;
  mode: OutputMode;
  /** Rows with event time at or below this are late and dropped (the previous batch's watermark). */
  lateWatermarkMs: number;
  /** State with event time at or below this is evicted (this batch's watermark). */
  evictionWatermarkMs: number;
}

export interface StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  /** Whether a moving watermark lets this operator evict state (so a no-data batch is useful). */
  readonly hasWatermark: boolean;
  /** The stores the operator keeps, with their layouts and scans. */
  readonly stores: readonly StoreSpec[];
  /** How its keys map to state partitions. */
  readonly partitioning: StatePartitioning;
  /** Writes the batch's state changes (every store of every partition); the batch is done after it. */
  commit(): Promise<void>;
  progress(): StateOperatorProgress;
  /** Key and value layout, kept in the checkpoint so an incompatible restart is refused. */
  stateSchema(): StateSchema;
  close(): void;
}

/** Opens the state of a stateful operator for a query (file-backed under the checkpoint, or in memory). */
export type StateOpener = (operator: StatefulOperator) => OperatorState;
