// GROUP BY with session_window (Spark's MergingSessionsExec and SessionWindowStateStore*Exec): per
// group, sessions that overlap or touch are merged. A session keeps its rows' aggregate arguments,
// and results are folded in event-time order when the session is emitted, so first() and last()
// follow event time as in Spark. Streams: complete emits every session each batch; append emits
// a session once the watermark passes its end, then drops it (Spark has no update mode for
// session windows). Batch queries merge the batch's sessions and emit them all.
import type { EvalContext } from "../expr/bound.ts";
import { compileFill, compileProjection } from "../expr/codegen.ts";
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { type Session, stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { keyString } from "../state/key_string.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

type AggregateNode = Extract<Plan, { kind: "aggregate" }>;

/** One row of a session: its own start (event time) and each aggregate's arguments. */
type Entry = [number, ...unknown[][]];

interface Pending {
  key: unknown[];
  fresh: Session[];
  partition: number;
}

/** What both forms share: rows grouped into one-row sessions, merging, and the emitted rows. */
class Sessions {
  private readonly slot: number;
  private readonly fillKey: (row: Row, out: unknown[], ctx?: EvalContext) => void;
  private readonly fillArgs: ((row: Row, out: unknown[], ctx?: EvalContext) => void)[];
  private readonly finish: (row: unknown[], ctx?: EvalContext) => unknown[];
  private readonly scratch: unknown[];

  constructor(private readonly node: AggregateNode) {
    this.slot = node.session!.slot;
    this.fillKey = compileFill(node.groupings);
    this.fillArgs = node.aggregates.map((a) => compileFill(a.args));
    this.finish = compileProjection(node.results);
    this.scratch = new Array(node.groupings.length);
  }

  /** Adds each row as a one-row session of its group; returns the rows dropped as late. */
  collect(rows: readonly Row[], groups: Map<string, Pending>, partition: number, lateUs: number | undefined, ctx: EvalContext): number {
    let dropped = 0;
    for (const row of rows) {
      this.fillKey(row, this.scratch, ctx);
      const [start, end] = this.scratch[this.slot] as [number, number];
      if (lateUs !== undefined && end <= lateUs) {
        dropped++;
        continue;
      }
      const key = this.scratch.filter((_, i) => i !== this.slot);
      const k = keyString(key);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key, fresh: [], partition }));
      const entry: Entry = [start, ...this.fillArgs.map((fill, a) => {
        const args = new Array(this.node.aggregates[a]!.args.length);
        fill(row, args, ctx);
        return args;
      })];
      g.fresh.push([start, end, [entry]]);
    }
    return dropped;
  }

  /** Merges sessions that overlap or touch (next.start <= current.end). */
  merge(sessions: Session[]): Session[] {
    sessions.sort((a, b) => a[0] - b[0]);
    const out: Session[] = [];
    for (const s of sessions) {
      const last = out[out.length - 1];
      if (last && s[0] <= last[1]) {
        last[1] = Math.max(last[1], s[1]);
        last[2] = last[2].concat(s[2]);
      } else {
        out.push([s[0], s[1], [...s[2]]]);
      }
    }
    return out;
  }

  output(key: readonly unknown[], s: Session, ctx: EvalContext): Row {
    const aggs = this.node.aggregates;
    const bufs = aggs.map((a) => a.init());
    // Fold in event-time order (stable for equal times), as Spark sorts rows within a session.
    const entries = [...(s[2] as Entry[])].sort((a, b) => a[0] - b[0]);
    for (const e of entries) for (let a = 0; a < aggs.length; a++) aggs[a]!.update(bufs[a]!, e[a + 1] as unknown[]);
    const row: unknown[] = [...key];
    row.splice(this.slot, 0, [s[0], s[1]]);
    for (let a = 0; a < aggs.length; a++) row.push(aggs[a]!.evaluate(bufs[a]!));
    return this.finish(row, ctx);
  }
}

function emit(output: Output, rows: Row[], ctx: BatchContext): void {
  for (const chunk of chunksOf(rows)) output.process(chunk, ctx, NO_PARTITION);
  output.finish(ctx);
}

/** A batch query's session windows (Spark's MergingSessions). */
export class SessionWindowExec implements Operator {
  private readonly sessions: Sessions;
  private groups = new Map<string, Pending>();

  constructor(node: AggregateNode, private readonly output: Output) {
    this.sessions = new Sessions(node);
  }

  process(rows: Row[], ctx: BatchContext): void {
    this.sessions.collect(rows, this.groups, NO_PARTITION, undefined, ctx);
  }

  finish(ctx: BatchContext): void {
    const out: Row[] = [];
    for (const g of this.groups.values()) for (const s of this.sessions.merge(g.fresh)) out.push(this.sessions.output(g.key, s, ctx));
    this.groups = new Map();
    emit(this.output, out, ctx);
  }
}

export class SessionWindowStateStoreSaveExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly hasWatermark: boolean;
  private readonly sessions: Sessions;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress;
  private groups = new Map<string, Pending>();
  private dropped = 0;
  private started = 0;

  constructor(node: AggregateNode, readonly info: StatefulInfo, opener: StateOpener, private readonly output: Output) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.hasWatermark = node.eventTimeKey !== undefined;
    this.sessions = new Sessions(node);
    this.metrics = emptyMetrics(this.operatorName);
    this.state = new OperatorStateHandle(this, opener);
  }


  private lateUs(ctx: BatchContext): number | undefined {
    return this.hasWatermark && ctx.mode !== "complete" ? ctx.watermarks(this.operatorId).lateMs * 1000 : undefined;
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    if (this.started === 0) this.started = performance.now();
    this.dropped += this.sessions.collect(rows, this.groups, partition, this.lateUs(ctx), ctx);
  }

  finish(ctx: BatchContext): void {
    const t0 = this.started || performance.now();
    this.started = 0;
    const state = this.state.load(ctx.batchId);
    const groups = this.groups;
    this.groups = new Map();
    for (const g of groups.values()) {
      const store = g.partition === NO_PARTITION ? state.storeFor(g.key) : state.store(g.partition);
      const old = (store.get(g.key)?.[0] as Session[] | undefined) ?? [];
      store.put(g.key, [this.sessions.merge([...old.map((s): Session => [s[0], s[1], s[2]]), ...g.fresh])]);
    }
    const updateMs = performance.now() - t0;
    const out: Row[] = [];
    let removed = 0;
    const t1 = performance.now();
    const stores = state.storesNamed();
    if (ctx.mode === "complete") {
      for (const store of stores) for (const [key, value] of store.iterator()) for (const s of value[0] as Session[]) out.push(this.sessions.output(key, s, ctx));
    } else if (this.hasWatermark) {
      const evictUs = ctx.watermarks(this.operatorId).evictionMs * 1000;
      for (const store of stores) {
        // The groups with a session the watermark closed; their open sessions go back in.
        for (const [key, value] of store.evictUpTo(evictUs)) {
          const all = value[0] as Session[];
          const closed = all.filter((s) => s[1] <= evictUs);
          for (const s of closed) out.push(this.sessions.output(key, s, ctx));
          removed += closed.length;
          const open = all.filter((s) => s[1] > evictUs);
          if (open.length > 0) store.put(key, [open]);
        }
      }
    }
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsUpdated: groups.size, allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: this.dropped,
    };
    this.dropped = 0;
    emit(this.output, out, ctx);
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
