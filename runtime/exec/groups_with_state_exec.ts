// flatMapGroupsWithState / mapGroupsWithState (Spark's FlatMapGroupsWithStateExec). A batch's rows
// arrive from the exchange in their key's partition and are gathered per key; when the input
// finishes, the user function is called once per key with data (its rows and its GroupState),
// then once per key whose timeout passed (no rows, hasTimedOut): processing-time timeouts against
// the batch's timestamp, event-time timeouts against the batch's watermark. After each call the
// state is written as PySpark's applyInPandasWithState writes it: removed (and no timeout set) →
// the key is deleted; updated, removed with a timeout, or a timeout set → [state or null, timeout]
// is put; a call that does none of these leaves the key as it was, timeout included (so a key that
// timed out and set no new timeout times out again at the next batch, as in PySpark 4.1.1, whose
// Python GroupState compares the new timeout with its own unset start, not the stored one; Scala's
// flatMapGroupsWithState would clear it). Keys are found
// for timeouts through the store's index ordered by timeout, so the cost follows what times out.
// With EventTimeTimeout, rows at or below the previous batch's watermark are dropped as late.
import { type GroupsWithStateNode, NO_TIMESTAMP, type StateCallInput } from "../plan/groups_with_state.ts";
import { compileProjection } from "../expr/codegen.ts";
import type { EvalContext } from "../expr/bound.ts";
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { keyString } from "../state/key_string.ts";
import type { OperatorBatchState } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { StateStore } from "../state/state_store.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

interface KeyRows {
  key: unknown[];
  rows: Row[];
}

/** Rows gathered per key, per partition, in arrival order. */
class Gathered {
  readonly byPartition = new Map<number, Map<string, KeyRows>>();
  add(partition: number, key: unknown[], row: Row): void {
    let keys = this.byPartition.get(partition);
    if (keys === undefined) this.byPartition.set(partition, keys = new Map());
    const k = keyString(key);
    const g = keys.get(k);
    if (g === undefined) keys.set(k, { key, rows: [row] });
    else g.rows.push(row);
  }
}

/** The batch form (Spark's MapGroupsExec): every key once, with an empty state and no timeouts. */
export class MapGroupsExec implements Operator {
  private gathered = new Gathered();
  private readonly keyOf: (row: unknown[], ctx?: EvalContext) => unknown[];

  constructor(private readonly node: GroupsWithStateNode, private readonly output: Output) {
    this.keyOf = compileProjection(node.groupings);
  }

  process(rows: Row[], ctx: BatchContext): void {
    for (const row of rows) this.gathered.add(0, this.keyOf(row as unknown[], ctx), row);
  }

  finish(ctx: BatchContext): void {
    const out: Row[] = [];
    const watermarkPresent = this.node.eventTime !== undefined;
    for (const keys of this.gathered.byPartition.values()) {
      for (const { key, rows } of keys.values()) {
        const r = this.node.call(key, rows, {
          value: undefined, batchProcessingTimeMs: ctx.batchTimestampMs, eventTimeWatermarkMs: NO_TIMESTAMP, watermarkPresent,
          hasTimedOut: false, timeout: this.node.timeout,
        });
        for (const row of r.rows) out.push(row);
      }
    }
    this.gathered = new Gathered();
    for (const chunk of chunksOf(out)) this.output.process(chunk, ctx, NO_PARTITION);
    this.output.finish(ctx);
  }
}

export class FlatMapGroupsWithStateExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  private readonly state: OperatorStateHandle;
  private readonly keyOf: (row: unknown[], ctx?: EvalContext) => unknown[];
  private metrics: StateOperatorProgress;
  private gathered = new Gathered();
  private dropped = 0;
  /**
   * The earliest processing-time timeout in state after the last batch (Infinity: none); before
   * this run's first batch it is not known (a restarted query), so a timeout counts as due.
   */
  private nextProcessingTimeoutMs = -Infinity;

  constructor(private readonly node: GroupsWithStateNode, readonly info: StatefulInfo, opener: StateOpener, private readonly output: Output) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.metrics = emptyMetrics(this.operatorName);
    this.keyOf = compileProjection(node.groupings);
    this.state = new OperatorStateHandle(this, opener);
  }

  /** Event-time timeouts fire when the watermark moves: a no-data batch is worth running then. */
  get hasWatermark(): boolean {
    return this.node.timeout === "EventTimeTimeout" && this.node.eventTime !== undefined;
  }

  /**
   * Processing-time timeouts fire in a batch whose timestamp is past them: whether one is due at
   * `nowMs`. (Spark runs a no-data batch at every trigger for a processing-time timeout; Sluice
   * runs one only when a timeout is due, which gives the same output without empty batches.)
   */
  timeoutDue(nowMs: number): boolean {
    return this.node.timeout === "ProcessingTimeTimeout" && this.nextProcessingTimeoutMs < nowMs;
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    const et = this.node.timeout === "EventTimeTimeout" ? this.node.eventTime : undefined;
    const late = et ? ctx.watermarks(this.operatorId).lateMs * 1000 : undefined;
    for (const row of rows) {
      if (late !== undefined) {
        const t = row[et!.slot] as number | null;
        if (t !== null && t <= late) {
          this.dropped++;
          continue;
        }
      }
      this.gathered.add(partition, this.keyOf(row as unknown[], ctx), row);
    }
  }

  finish(ctx: BatchContext): void {
    const state = this.state.load(ctx.batchId);
    const t0 = performance.now();
    const watermarkPresent = this.node.eventTime !== undefined;
    const watermarkMs = watermarkPresent ? ctx.watermarks(this.operatorId).evictionMs : NO_TIMESTAMP;
    let updated = 0, removed = 0;
    const out: Row[] = [];
    const callFor = (store: StateStore, key: unknown[], rows: Row[], hasTimedOut: boolean) => {
      const stored = store.get(key);
      const value = stored === undefined || stored[0] === null ? undefined : (stored[0] as unknown[]);
      const input: StateCallInput = {
        value, batchProcessingTimeMs: ctx.batchTimestampMs, eventTimeWatermarkMs: watermarkMs, watermarkPresent, hasTimedOut,
        timeout: this.node.timeout,
      };
      const r = this.node.call(key, rows, input);
      for (const row of r.rows) out.push(row);
      if (r.removed && r.timeoutTimestampMs === NO_TIMESTAMP) {
        if (stored !== undefined) {
          store.remove(key);
          removed++;
        }
      } else if (r.updated || r.removed || r.timeoutTimestampMs !== NO_TIMESTAMP) {
        store.put(key, [r.value ?? null, r.timeoutTimestampMs]);
        updated++;
      }
    };
    const partitionStore = (state: OperatorBatchState, partition: number, key: unknown[]) =>
      partition === NO_PARTITION ? state.storeFor(key) : state.store(partition);
    for (const [partition, keys] of this.gathered.byPartition) {
      for (const { key, rows } of keys.values()) callFor(partitionStore(state, partition, key), key, rows, false);
    }
    this.gathered = new Gathered();
    const updateMs = performance.now() - t0;

    const t1 = performance.now();
    const threshold = this.node.timeout === "ProcessingTimeTimeout" ? ctx.batchTimestampMs
      : this.node.timeout === "EventTimeTimeout" && watermarkPresent ? watermarkMs : undefined;
    let next = Infinity;
    if (threshold !== undefined) {
      for (const store of state.storesNamed()) {
        // Timeouts strictly before the threshold (Spark: timeoutTimestamp < threshold).
        const due = [...store.rangeScan(Number.MIN_SAFE_INTEGER, threshold * 1000 - 1)].map(([k]) => k as unknown[]);
        for (const key of due) callFor(store, key, [], true);
        if (this.node.timeout === "ProcessingTimeTimeout") {
          for (const [, v] of store.rangeScan(threshold * 1000, Number.MAX_SAFE_INTEGER)) {
            next = Math.min(next, v[1] as number);
            break;
          }
        }
      }
    }
    this.nextProcessingTimeoutMs = next;
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsUpdated: updated, allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: this.dropped,
    };
    this.dropped = 0;
    for (const chunk of chunksOf(out)) this.output.process(chunk, ctx, NO_PARTITION);
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
