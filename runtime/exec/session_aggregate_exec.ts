// GROUP BY with session_window (Spark's MergingSessionsExec and SessionWindowStateStore*Exec):
// per group, sessions that overlap or touch are merged. A session keeps its rows' aggregate
// arguments, and results are folded in event-time order when the session is emitted, so first()
// and last() follow event time as in Spark. Streams: complete emits every session each batch;
// append emits a session once the watermark passes its end, then drops it (Spark has no update
// mode for session windows).
import type { EvalContext } from "../expr/bound.ts";
import { compileFill, compileProjection } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import { DEFAULT_STORE_NAME } from "../state/state_store_id.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { ArrayType, BINARY, LONG, StructField, StructType } from "../types/data_type.ts";
import { emptyMetrics, withCommit } from "./aggregate_exec.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { BatchContext, StatefulOperator, StateOpener } from "./stateful_operator.ts";

type AggregateNode = Extract<Plan, { kind: "aggregate" }>;

/** One row of a session: its own start (event time) and each aggregate's arguments. */
type Entry = [number, ...unknown[][]];
/** [start, end, entries] */
type Session = [number, number, Entry[]];

export class SessionAggregateExec implements StatefulOperator {
  readonly operatorName = "sessionWindowStateStoreSaveExec";
  private readonly slot: number;
  private readonly fillKey: (row: Row, out: unknown[], ctx?: EvalContext) => void;
  private readonly fillArgs: ((row: Row, out: unknown[], ctx?: EvalContext) => void)[];
  private readonly finish: (row: unknown[], ctx?: EvalContext) => unknown[];
  /** The batch being run (generated code reads it). */
  private batch?: EvalContext;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress = emptyMetrics(this.operatorName);
  readonly stores: readonly StoreSpec[];
  readonly partitioning: StatePartitioning;

  constructor(readonly node: AggregateNode, readonly operatorId: number, opener: StateOpener) {
    this.slot = node.session!.slot;
    this.fillKey = compileFill(node.groupings);
    this.fillArgs = node.aggregates.map((a) => compileFill(a.args));
    this.finish = compileProjection(node.results);
    const schema = this.stateSchema();
    // A group's sessions are ordered by the earliest end among them: the first to close.
    const firstEnd = (_k: readonly unknown[], v: readonly unknown[]) => {
      let min: number | null = null;
      for (const s of v[0] as Session[]) if (min === null || s[1] < min) min = s[1];
      return min;
    };
    this.stores = [{ name: DEFAULT_STORE_NAME, keySchema: schema.keySchema, valueSchema: schema.valueSchema, eventTimeOf: this.hasWatermark ? firstEnd : undefined }];
    const keyTypes = schema.keySchema.fields.map((f) => f.dataType);
    this.partitioning = keyTypes.length === 0 ? { kind: "single" } : { kind: "hash", keyTypes };
    this.state = new OperatorStateHandle(this, opener);
  }

  get hasWatermark(): boolean {
    return this.node.eventTimeKey !== undefined;
  }

  /** Rows grouped by the non-session keys, each row as a one-row session. */
  private collect(rows: readonly Row[], lateUs: number | undefined): { groups: Map<string, { key: unknown[]; fresh: Session[] }>; dropped: number } {
    const groups = new Map<string, { key: unknown[]; fresh: Session[] }>();
    const scratch = new Array(this.node.groupings.length);
    let dropped = 0;
    for (const row of rows) {
      this.fillKey(row, scratch, this.batch);
      const [start, end] = scratch[this.slot] as [number, number];
      if (lateUs !== undefined && end <= lateUs) {
        dropped++;
        continue;
      }
      const key = scratch.filter((_, i) => i !== this.slot);
      const k = keyString(key);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key, fresh: [] }));
      const entry: Entry = [start, ...this.fillArgs.map((fill, a) => {
        const args = new Array(this.node.aggregates[a]!.args.length);
        fill(row, args, this.batch);
        return args;
      })];
      g.fresh.push([start, end, [entry]]);
    }
    return { groups, dropped };
  }

  /** Merges sessions that overlap or touch (next.start <= current.end). */
  private merge(sessions: Session[]): Session[] {
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

  private output(key: readonly unknown[], s: Session): Row {
    const aggs = this.node.aggregates;
    const bufs = aggs.map((a) => a.init());
    // Fold in event-time order (stable for equal times), as Spark sorts rows within a session.
    const entries = [...s[2]].sort((a, b) => a[0] - b[0]);
    for (const e of entries) for (let a = 0; a < aggs.length; a++) aggs[a]!.update(bufs[a]!, e[a + 1] as unknown[]);
    const row: unknown[] = [...key];
    row.splice(this.slot, 0, [s[0], s[1]]);
    for (let a = 0; a < aggs.length; a++) row.push(aggs[a]!.evaluate(bufs[a]!));
    return this.finish(row, this.batch);
  }

  runBatch(rows: readonly Row[], ctx: BatchContext): Row[] {
    this.batch = ctx;
    const out: Row[] = [];
    for (const g of this.collect(rows, undefined).groups.values()) {
      for (const s of this.merge(g.fresh)) out.push(this.output(g.key, s));
    }
    return out;
  }

  runStream(rows: readonly Row[], ctx: BatchContext): Row[] {
    this.batch = ctx;
    const t0 = performance.now();
    const watermarks = ctx.watermarks(this.operatorId);
    const state = this.state.load(ctx.batchId);
    const lateUs = this.hasWatermark && ctx.mode !== "complete" ? watermarks.lateMs * 1000 : undefined;
    const { groups, dropped } = this.collect(rows, lateUs);
    for (const g of groups.values()) {
      const store = state.storeFor(g.key);
      const old = (store.get(g.key)?.[0] as Session[] | undefined) ?? [];
      store.put(g.key, [this.merge([...old.map((s): Session => [s[0], s[1], s[2]]), ...g.fresh])]);
    }
    const updateMs = performance.now() - t0;
    const out: Row[] = [];
    let removed = 0;
    const t1 = performance.now();
    const stores = state.storesNamed();
    if (ctx.mode === "complete") {
      for (const store of stores) for (const [key, value] of store.iterator()) for (const s of value[0] as Session[]) out.push(this.output(key, s));
    } else if (this.hasWatermark) {
      const evictUs = watermarks.evictionMs * 1000;
      for (const store of stores) {
        // The groups with a session the watermark closed; their open sessions go back in.
        for (const [key, value] of store.evictUpTo(evictUs)) {
          const sessions = value[0] as Session[];
          const closed = sessions.filter((s) => s[1] <= evictUs);
          for (const s of closed) out.push(this.output(key, s));
          removed += closed.length;
          const open = sessions.filter((s) => s[1] > evictUs);
          if (open.length > 0) store.put(key, [open]);
        }
      }
    }
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsUpdated: groups.size, allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: dropped,
    };
    return out;
  }

  async commit(): Promise<void> {
    const done = await this.state.commit();
    if (done) this.metrics = withCommit(this.metrics, done);
  }

  stateSchema(): StateSchema {
    const keys = this.node.groupings.filter((_, i) => i !== this.slot);
    return {
      operatorName: this.operatorName,
      keySchema: new StructType(keys.map((g, i) => new StructField(`key${i}`, g.type, g.nullable))),
      // Sessions as [start, end, entries]; the entries' layout follows the aggregates' arguments.
      valueSchema: new StructType([
        new StructField("sessions", new ArrayType(new StructType([
          new StructField("start", LONG, false), new StructField("end", LONG, false),
          new StructField(this.node.aggregates.map((a) => a.bufferSchema).join(";") || "rows", BINARY, false),
        ]))),
      ]),
    };
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.state.close();
  }
}
