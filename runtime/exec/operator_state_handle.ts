// The state a stateful operator holds across batches: opened on first use, one version loaded per
// batch, committed by the scheduler once the batch's output is written.
import type { OperatorBatchState, OperatorState, OperatorStateMetrics } from "../state/operator_state.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

export class OperatorStateHandle {
  private state?: OperatorState;
  private open?: OperatorBatchState;

  constructor(private readonly operator: StatefulOperator, private readonly opener: StateOpener) {}

  /** Loads version `batchId` of every store and partition for this batch. */
  load(batchId: number): OperatorBatchState {
    this.state ??= this.opener(this.operator);
    this.open = this.state.load(batchId);
    return this.open;
  }

  /** Commits the batch loaded last; resolves to the time it took and the state's figures after it. */
  async commit(): Promise<{ commitTimeMs: number; metrics: OperatorStateMetrics } | undefined> {
    const open = this.open;
    if (open === undefined) return undefined;
    const start = performance.now();
    await open.commit();
    this.open = undefined;
    return { commitTimeMs: Math.round(performance.now() - start), metrics: open.metrics() };
  }

  get numPartitions(): number {
    return this.state?.partitions ?? 1;
  }

  close(): void {
    this.open?.abort();
    this.open = undefined;
    this.state?.close();
  }
}
