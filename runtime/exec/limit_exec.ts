// LIMIT. Streams in append (and update) mode (Spark's StreamingGlobalLimitExec): the number of
// rows already emitted is kept in the state store, so the limit holds across batches and
// restarts; complete mode limits each batch's result on its own. Batch queries count the batch.
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { StateStore } from "../state/state_store.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { BatchContext } from "./batch_context.ts";
import type { Operator, Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

export class GlobalLimitExec implements Operator {
  private emitted = 0;

  constructor(private readonly limit: number, private readonly output: Output) {}

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    const left = this.limit - this.emitted;
    if (left <= 0) return;
    const out = rows.length <= left ? rows : rows.slice(0, left);
    this.emitted += out.length;
    this.output.process(out, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    this.emitted = 0;
    this.output.finish(ctx);
  }
}

export class StreamingGlobalLimitExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly hasWatermark = false;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress;
  private store?: StateStore;
  /** Rows emitted before this batch (from the state) plus this batch's so far. */
  private emitted = -1;

  constructor(private readonly limit: number, readonly info: StatefulInfo, opener: StateOpener, private readonly output: Output) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.metrics = emptyMetrics(this.operatorName);
    this.state = new OperatorStateHandle(this, opener);
  }


  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    if (this.emitted < 0) this.start(ctx);
    const left = this.limit - this.emitted;
    if (left <= 0) return;
    const out = rows.length <= left ? rows : rows.slice(0, left);
    this.emitted += out.length;
    this.output.process(out, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    if (this.emitted < 0) this.start(ctx);
    if (this.store) {
      this.store.put([], [this.emitted]);
      this.metrics = { ...emptyMetrics(this.operatorName), numRowsUpdated: 1 };
    }
    this.store = undefined;
    this.emitted = -1;
    this.output.finish(ctx);
  }

  /** Complete mode limits each result on its own (no state); other modes continue the count. */
  private start(ctx: BatchContext): void {
    if (ctx.mode === "complete") {
      this.emitted = 0;
      return;
    }
    this.store = this.state.load(ctx.batchId).store(0);
    this.emitted = (this.store.get([])?.[0] as number | undefined) ?? 0;
  }

  async commit(): Promise<void> {
    const done = await this.state.commit();
    if (done) this.metrics = withCommit(this.metrics, done);
  }

  stateSchema(): StateSchema {
    return stateSchemaOf(this.info);
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.state.close();
  }
}
