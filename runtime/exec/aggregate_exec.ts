// Runs a GROUP BY. For a batch query: one pass into a map. For a stream: the groups live in a
// versioned state store across batches (Spark's StateStoreRestore/Save), rows behind the
// watermark are dropped, and what is emitted depends on the output mode:
//   complete: every group after each batch; nothing evicted.
//   update:   the groups this batch changed; then groups behind the watermark are evicted.
//   append:   groups whose event time is behind the watermark, once, as they are evicted.
import type { EvalContext } from "../expr/bound.ts";
import { compileFill, compileProjection } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";
import type { OperatorStateMetrics, StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import { DEFAULT_STORE_NAME } from "../state/state_store_id.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { BatchContext, StatefulOperator, StateOpener } from "./stateful_operator.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { StructField, StructType } from "../types/data_type.ts";

type AggregateNode = Extract<Plan, { kind: "aggregate" }>;

interface Group {
  key: unknown[];
  bufs: unknown[][];
}

export class AggregateExec implements StatefulOperator {
  readonly operatorName = "stateStoreSave";
  // Per-row work writes into these scratch arrays instead of allocating (the hot path).
  private readonly fillKey: (row: Row, out: unknown[], ctx?: EvalContext) => void;
  private readonly fillArgs: ((row: Row, out: unknown[], ctx?: EvalContext) => void)[];
  private readonly keyScratch: unknown[];
  private readonly argScratch: unknown[][];
  private readonly finish: (row: unknown[], ctx?: EvalContext) => unknown[];
  /** The batch being run (generated code reads it). */
  private batch?: EvalContext;
  /** Event time of a group key in microseconds (window end, or the timestamp itself). */
  private readonly eventTimeOf?: (key: readonly unknown[]) => number | null;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress = emptyMetrics("stateStoreSave");
  readonly stores: readonly StoreSpec[];
  readonly partitioning: StatePartitioning;

  constructor(readonly node: AggregateNode, readonly operatorId: number, opener: StateOpener) {
    this.fillKey = compileFill(node.groupings);
    this.fillArgs = node.aggregates.map((a) => compileFill(a.args));
    this.keyScratch = new Array(node.groupings.length);
    this.argScratch = node.aggregates.map((a) => new Array(a.args.length));
    this.finish = compileProjection(node.results);
    const et = node.eventTimeKey;
    if (et) {
      this.eventTimeOf = et.isWindow
        ? (key) => ((key[et.slot] as unknown[] | null)?.[1] as number | undefined) ?? null
        : (key) => key[et.slot] as number | null;
    }
    const schema = this.stateSchema();
    const eventTimeOf = this.eventTimeOf;
    this.stores = [{ name: DEFAULT_STORE_NAME, keySchema: schema.keySchema, valueSchema: schema.valueSchema, eventTimeOf: eventTimeOf && ((k) => eventTimeOf(k)) }];
    this.partitioning = node.groupings.length === 0 ? { kind: "single" } : { kind: "hash", keyTypes: node.groupings.map((g) => g.type) };
    this.state = new OperatorStateHandle(this, opener);
  }

  /** Whether a watermark can evict this operator's state (and so a no-data batch is useful). */
  get hasWatermark(): boolean {
    return this.eventTimeOf !== undefined;
  }

  /** A batch query: aggregate all rows at once. */
  runBatch(rows: readonly Row[], ctx: BatchContext): Row[] {
    this.batch = ctx;
    const groups = new Map<string, Group>();
    this.fold(rows, groups, () => undefined, () => true);
    if (groups.size === 0 && this.node.groupings.length === 0) groups.set(keyString([]), this.newGroup([]));
    return [...groups.values()].map((g) => this.output(g));
  }

  /** A streaming batch: fold the rows into the state and emit what the output mode says. */
  runStream(rows: readonly Row[], ctx: BatchContext): Row[] {
    this.batch = ctx;
    const started = performance.now();
    const watermarks = ctx.watermarks(this.operatorId);
    const state = this.state.load(ctx.batchId);
    // The batch's rows are first aggregated on their own (Spark's partial aggregate), then merged
    // into the restored state the way Spark's plan does, so floating-point results match.
    const changed = new Map<string, Group>();
    // Spark drops late rows after the partial aggregation, so it counts one per late group.
    const droppedGroups = new Set<string>();
    const late = this.eventTimeOf && ctx.mode !== "complete" ? watermarks.lateMs * 1000 : undefined;
    this.fold(rows, changed, () => undefined, (key, k) => {
      if (late === undefined) return true;
      const t = this.eventTimeOf!(key);
      if (t !== null && t <= late) {
        droppedGroups.add(k);
        return false;
      }
      return true;
    });
    // A global aggregation always has its one group, touched by every batch even without rows
    // (Spark's aggregate emits one row for empty input: count 0, and update mode re-emits it).
    const globalKey = keyString([]);
    if (this.node.groupings.length === 0 && !changed.has(globalKey)) changed.set(globalKey, this.newGroup([]));
    // The exchange: each group goes to the store of the partition its key hashes to.
    for (const g of changed.values()) {
      const store = state.storeFor(g.key);
      g.bufs = this.mergeWithState(g.bufs, store.get(g.key) as unknown[][] | undefined);
      store.put(g.key, g.bufs);
    }
    const updateMs = performance.now() - started;

    const out: Row[] = [];
    const evictBefore = this.eventTimeOf && ctx.mode !== "complete" ? watermarks.evictionMs * 1000 : undefined;
    const removeStart = performance.now();
    let removed = 0;
    const stores = state.storesNamed();
    if (ctx.mode === "complete") {
      for (const store of stores) for (const [key, bufs] of store.iterator()) out.push(this.output({ key: key as unknown[], bufs: bufs as unknown[][] }));
    } else if (ctx.mode === "update") {
      for (const g of changed.values()) out.push(this.output(g));
    }
    if (evictBefore !== undefined) {
      // Only the groups the watermark passed are visited (the stores keep them in event-time order).
      for (const store of stores) {
        for (const [key, bufs] of store.evictUpTo(evictBefore)) {
          if (ctx.mode === "append") out.push(this.output({ key: key as unknown[], bufs: bufs as unknown[][] }));
          removed++;
        }
      }
    }
    this.metrics = {
      ...emptyMetrics(this.operatorName),
      numRowsUpdated: changed.size,
      allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed,
      allRemovalsTimeMs: Math.round(performance.now() - removeStart),
      numRowsDroppedByWatermark: droppedGroups.size,
    };
    return out;
  }

  async commit(): Promise<void> {
    const done = await this.state.commit();
    if (done) this.metrics = withCommit(this.metrics, done);
  }

  stateSchema(): StateSchema {
    return {
      operatorName: this.operatorName,
      keySchema: new StructType(this.node.groupings.map((g, i) => new StructField(`key${i}`, g.type, g.nullable))),
      valueSchema: new StructType(this.node.aggregates.map((a) => new StructField(a.bufferSchema, a.type, true))),
    };
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.state.close();
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

  private newGroup(key: unknown[]): Group {
    return { key, bufs: this.node.aggregates.map((a) => a.init()) };
  }

  private fold(
    rows: readonly Row[],
    groups: Map<string, Group>,
    fromState: (key: unknown[]) => Group | undefined,
    accept: (key: unknown[], keyString: string) => boolean,
  ): void {
    const aggs = this.node.aggregates;
    const keyScratch = this.keyScratch, argScratch = this.argScratch, batch = this.batch;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.fillKey(row, keyScratch, batch);
      const k = keyString(keyScratch);
      let g = groups.get(k);
      if (g === undefined) {
        const key = keyScratch.slice();
        if (!accept(key, k)) continue;
        g = fromState(key) ?? this.newGroup(key);
        groups.set(k, g);
      }
      for (let a = 0; a < aggs.length; a++) {
        const args = argScratch[a]!;
        this.fillArgs[a]!(row, args, batch);
        aggs[a]!.update(g.bufs[a]!, args);
      }
    }
  }

  private output(g: Group): Row {
    const aggs = this.node.aggregates;
    const row: unknown[] = [...g.key];
    for (let a = 0; a < aggs.length; a++) row.push(aggs[a]!.evaluate(g.bufs[a]!));
    return this.finish(row, this.batch);
  }
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

export function emptyMetrics(operatorName: string): StateOperatorProgress {
  return {
    operatorName, numRowsTotal: 0, numRowsUpdated: 0, allUpdatesTimeMs: 0, numRowsRemoved: 0, allRemovalsTimeMs: 0,
    commitTimeMs: 0, memoryUsedBytes: 0, numRowsDroppedByWatermark: 0, numShufflePartitions: 1, numStateStoreInstances: 1,
    customMetrics: {},
  };
}

