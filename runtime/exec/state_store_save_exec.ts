// A streaming aggregation (Spark's StateStoreRestore → merge → StateStoreSave): the batch's groups
// arrive from the exchange — partial aggregates, one row per group, [key…, buffers…], or raw rows
// folded here — each in its key's partition. When the input finishes, each group is merged into
// its partition's state the way Spark's plan merges (partial_merge, then merge with the restored
// state), so floating-point results match, and the output mode says what is emitted:
//   complete: every group after each batch; nothing evicted.
//   update:   the groups this batch changed; then groups behind the watermark are evicted.
//   append:   groups whose event time is behind the watermark, once, as they are evicted.
// Groups behind the previous batch's watermark are dropped as late (counted once per group, as
// Spark drops partial rows).
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { groupEventTime, stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { keyString } from "../state/key_string.ts";
import type { OperatorBatchState } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { GroupFinisher, GroupFolder, type Group } from "./hash_aggregate_exec.ts";
import { NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

type AggregateNode = Extract<Plan, { kind: "aggregate" }>;

interface Changed extends Group {
  partition: number;
}

export class StateStoreSaveExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  private readonly state: OperatorStateHandle;
  private readonly folder: GroupFolder;
  private readonly finisher: GroupFinisher;
  private readonly eventTimeOf?: (key: readonly unknown[]) => number | null;
  private readonly keyWidth: number;
  private metrics: StateOperatorProgress;
  /** The batch's groups, by key. */
  private changed = new Map<string, Changed>();
  private dropped = new Set<string>();
  /** Without partial aggregation: the batch's groups folded from raw rows, by partition. */
  private raw: Record<number, Map<string, Group>> = {};
  private started = 0;

  constructor(
    private readonly node: AggregateNode,
    readonly info: StatefulInfo,
    private readonly partialInput: boolean,
    opener: StateOpener,
    private readonly output: Output,
  ) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.metrics = emptyMetrics(this.operatorName);
    this.folder = new GroupFolder(node);
    this.finisher = new GroupFinisher(node);
    this.eventTimeOf = groupEventTime(node);
    this.keyWidth = node.groupings.length;
    this.state = new OperatorStateHandle(this, opener);
  }

  /** Whether a watermark can evict this operator's state (and so a no-data batch is useful). */
  get hasWatermark(): boolean {
    return this.eventTimeOf !== undefined;
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    if (this.started === 0) this.started = performance.now();
    const late = this.lateUs(ctx);
    if (this.partialInput) {
      for (const row of rows) this.add(row.slice(0, this.keyWidth), row.slice(this.keyWidth) as unknown[][], partition, late);
      return;
    }
    // Raw rows: aggregated here across the batch's chunks first, as the partial aggregate would.
    const raw = this.raw[partition] ??= new Map();
    this.folder.fold(rows, raw, ctx);
  }

  finish(ctx: BatchContext): void {
    const started = this.started || performance.now();
    this.started = 0;
    const state = this.state.load(ctx.batchId);
    const late = this.lateUs(ctx);
    for (const [p, groups] of Object.entries(this.raw)) for (const g of groups.values()) this.add(g.key, g.bufs, Number(p), late);
    this.raw = {};
    const changed = this.changed, dropped = this.dropped;
    this.changed = new Map();
    this.dropped = new Set();
    // A global aggregation always has its one group, touched by every batch even without rows
    // (Spark's aggregate emits one row for empty input: count 0, and update mode re-emits it).
    if (this.keyWidth === 0 && changed.size === 0) changed.set(keyString([]), { ...this.folder.newGroup([]), partition: 0 });
    for (const g of changed.values()) {
      const store = g.partition === NO_PARTITION ? state.storeFor(g.key) : state.store(g.partition);
      g.bufs = this.mergeWithState(g.bufs, store.get(g.key) as unknown[][] | undefined);
      store.put(g.key, g.bufs);
    }
    const updateMs = performance.now() - started;

    const removeStart = performance.now();
    const out: Row[] = [];
    const mode = ctx.mode;
    if (mode === "complete") {
      for (const store of state.storesNamed()) for (const [key, bufs] of store.iterator()) out.push(this.finisher.row({ key: key as unknown[], bufs: bufs as unknown[][] }, ctx));
    } else if (mode === "update") {
      for (const g of changed.values()) out.push(this.finisher.row(g, ctx));
    }
    const removed = this.evict(state, ctx, mode === "append" ? out : undefined);
    this.metrics = {
      ...emptyMetrics(this.operatorName),
      numRowsUpdated: changed.size,
      allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed,
      allRemovalsTimeMs: Math.round(performance.now() - removeStart),
      numRowsDroppedByWatermark: dropped.size,
    };
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

  /** Rows with event time at or below this are late (µs); undefined when nothing is late. */
  private lateUs(ctx: BatchContext): number | undefined {
    return this.eventTimeOf && ctx.mode !== "complete" ? ctx.watermarks(this.operatorId).lateMs * 1000 : undefined;
  }

  /** One partial group of the batch: dropped when late, else merged with the batch's others. */
  private add(key: unknown[], bufs: unknown[][], partition: number, late: number | undefined): void {
    const k = keyString(key);
    if (late !== undefined) {
      const t = this.eventTimeOf!(key);
      if (t !== null && t <= late) {
        this.dropped.add(k);
        return;
      }
    }
    const seen = this.changed.get(k);
    if (seen === undefined) this.changed.set(k, { key, bufs, partition });
    else this.node.aggregates.forEach((a, i) => a.merge(seen.bufs[i]!, bufs[i]!));
  }

  /** Evicts the groups the watermark passed (only those are visited); returns how many. */
  private evict(state: OperatorBatchState, ctx: BatchContext, into: Row[] | undefined): number {
    if (this.eventTimeOf === undefined || ctx.mode === "complete") return 0;
    const upTo = ctx.watermarks(this.operatorId).evictionMs * 1000;
    let removed = 0;
    for (const store of state.storesNamed()) {
      for (const [key, bufs] of store.evictUpTo(upTo)) {
        into?.push(this.finisher.row({ key: key as unknown[], bufs: bufs as unknown[][] }, ctx));
        removed++;
      }
    }
    return removed;
  }

  /**
   * Spark's streaming aggregation plan: partial aggregate P, merged into a fresh buffer
   * (partial_merge after the shuffle), then the restored state S and that result are merged into
   * another fresh buffer (merge after StateStoreRestore). Each merge is the aggregate's own.
   */
  private mergeWithState(partial: unknown[][], state: unknown[][] | undefined): unknown[][] {
    return this.node.aggregates.map((a, i) => {
      const m1 = a.init();
      a.merge(m1, partial[i]!);
      const m2 = a.init();
      if (state !== undefined) a.merge(m2, state[i]!);
      a.merge(m2, m1);
      return m2;
    });
  }
}
