// dropDuplicates and dropDuplicatesWithinWatermark. Streams (Spark's StreamingDeduplicateExec and
// StreamingDeduplicateWithinWatermarkExec): the first row of each key passes, chunk by chunk; the
// keys live in the state of their partition. Rows behind the previous batch's watermark are
// dropped as late. dropDuplicates evicts keys behind the watermark when the event-time column is
// one of the keys; dropDuplicatesWithinWatermark keeps a key until event time + delay has passed
// the watermark. Batch queries keep the keys seen in the batch.
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { dedupEvicts, stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { keyString } from "../state/key_string.ts";
import type { OperatorBatchState } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { BatchContext } from "./batch_context.ts";
import { NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

type DedupNode = Extract<Plan, { kind: "dedup" }>;

const keyOf = (node: DedupNode, row: Row) => node.keys.map((k) => row[k]);

export class DeduplicateExec implements Operator {
  private seen = new Set<string>();

  constructor(private readonly node: DedupNode, private readonly output: Output) {}

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    const out: Row[] = [];
    for (const row of rows) {
      const k = keyString(keyOf(this.node, row));
      if (this.seen.has(k)) continue;
      this.seen.add(k);
      out.push(row);
    }
    if (out.length > 0) this.output.process(out, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    this.seen = new Set();
    this.output.finish(ctx);
  }
}

export class StreamingDeduplicateExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly hasWatermark: boolean;
  readonly evictsInCompleteMode = true;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress;
  private batch?: OperatorBatchState;
  private dropped = 0;
  private updated = 0;
  private updateMs = 0;

  constructor(private readonly node: DedupNode, readonly info: StatefulInfo, opener: StateOpener, private readonly output: Output) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.metrics = emptyMetrics(this.operatorName);
    this.hasWatermark = dedupEvicts(node);
    this.state = new OperatorStateHandle(this, opener);
  }


  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    const t0 = performance.now();
    const state = this.batch ??= this.state.load(ctx.batchId);
    const et = this.node.eventTime;
    const late = et ? ctx.watermarks(this.operatorId).lateMs * 1000 : undefined;
    const fixed = partition === NO_PARTITION ? undefined : state.store(partition);
    const out: Row[] = [];
    for (const row of rows) {
      if (late !== undefined) {
        const t = row[et!.slot] as number | null;
        if (t !== null && t <= late) {
          this.dropped++;
          continue;
        }
      }
      const key = keyOf(this.node, row);
      const store = fixed ?? state.storeFor(key);
      if (store.get(key) !== undefined) continue;
      store.put(key, this.node.withinWatermark ? [(row[et!.slot] as number) + et!.delayMs * 1000] : []);
      this.updated++;
      out.push(row);
    }
    this.updateMs += performance.now() - t0;
    if (out.length > 0) this.output.process(out, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    const state = this.batch ?? this.state.load(ctx.batchId);
    this.batch = undefined;
    const t1 = performance.now();
    let removed = 0;
    if (this.hasWatermark) {
      const evict = ctx.watermarks(this.operatorId).evictionMs * 1000;
      for (const store of state.storesNamed()) removed += store.evictUpTo(evict).length;
    }
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsUpdated: this.updated, allUpdatesTimeMs: Math.round(this.updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: this.dropped,
    };
    this.dropped = this.updated = this.updateMs = 0;
    this.output.finish(ctx);
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
