// What the scheduler needs from each stateful operator in a compiled plan.
import type { StatefulInfo } from "../planner/physical_plan.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { OperatorState } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";

export type { BatchContext } from "./batch_context.ts";

export interface StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  /** Whether a moving watermark lets this operator evict state (so a no-data batch is useful). */
  readonly hasWatermark: boolean;
  /** Whether a timeout of this operator is due at `nowMs` (processing-time timeouts: a no-data batch is worth running). */
  timeoutDue?(nowMs: number): boolean;
  /**
   * Whether it evicts in complete mode too (deduplication does; an aggregation in complete mode
   * keeps every group), so a moved watermark asks for a no-data batch in every output mode.
   */
  readonly evictsInCompleteMode?: boolean;
  /** What the planner assigned it: operator id, name, stores, partitions. */
  readonly info: StatefulInfo;
  /** Writes the batch's state changes (every store of every partition); the batch is done after it. */
  commit(): Promise<void>;
  progress(): StateOperatorProgress;
  /** Key and value layout, kept in the checkpoint so an incompatible restart is refused. */
  stateSchema(): StateSchema;
  close(): void;
}

/** Opens the state of a stateful operator for a query (file-backed under the checkpoint, or in memory). */
export type StateOpener = (operator: StatefulOperator) => OperatorState;
