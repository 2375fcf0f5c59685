// A join of two streams (Spark's StreamingSymmetricHashJoinExec, state format 2). Each side keeps
// its rows in state by join key (keyToNumValues: key → count; keyWithIndexToValue: [key…, index]
// → [row…, matched]). A batch first takes every left row — late rows dropped, the others matched
// against the right side's state and added to the left state — then every right row the same way
// against the left state (now holding this batch's left rows too), so each pair is emitted once,
// when its later row arrives. Then the watermark evicts state: an outer side's rows that never
// matched come out with nulls as they are evicted; the rest is dropped. Left semi joins emit a
// left row once, when its first match arrives.
import type { Bound, EvalContext } from "../expr/bound.ts";
import { refsOf, shiftRefs } from "../expr/bound_refs.ts";
import { compileExpression, compileProjection } from "../expr/codegen.ts";
import type { JoinStatePredicates, StatePredicate } from "../plan/join_watermark.ts";
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import type { StatefulInfo } from "../planner/physical_plan.ts";
import { joinStoreNames, stateSchemaOf } from "../planner/state_stores.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import type { OperatorBatchState } from "../state/operator_state.ts";
import type { StateStore } from "../state/state_store.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { keyString } from "../state/key_string.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { InputsOpen, NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { emptyMetrics, withCommit } from "./operator_metrics.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";

type JoinNode = Extract<Plan, { kind: "join" }>;
type Side = "left" | "right";
type Predicate = (row: unknown[], ctx?: EvalContext) => unknown;

const timeOf = (v: unknown, isWindow: boolean): number | null =>
  isWindow ? ((v as unknown[] | null)?.[1] as number | undefined) ?? null : (v as number | null);

/** One side's stores in one partition (SymmetricHashJoinStateManager). */
class SideState {
  constructor(readonly numValues: StateStore, readonly values: StateStore, private readonly width: number) {}

  count(key: readonly unknown[]): number {
    return (this.numValues.get(key)?.[0] as number | undefined) ?? 0;
  }

  append(key: readonly unknown[], row: Row, matched: boolean): void {
    const n = this.count(key);
    this.values.put([...key, n], [...row, matched]);
    this.numValues.put(key, [n + 1]);
  }

  /**
   * The stored rows of `key` that `accept` (getJoinedRows): each accepted row is marked matched.
   * `excludeMatched` skips rows matched before (left semi joins).
   */
  /**
   * `mark`: record the match on the stored row. Spark always does; only an outer side's rows
   * (which come out unmatched at eviction) and a semi join's left rows (emitted once) read the
   * flag, so the other joins skip the write.
   */
  matches(key: readonly unknown[], accept: (stored: Row) => boolean, excludeMatched: boolean, mark: boolean, out: (stored: Row) => void): void {
    const n = this.count(key);
    for (let i = 0; i < n; i++) {
      const k = [...key, i];
      const v = this.values.get(k);
      if (v === undefined) continue;
      const matched = v[this.width] === true;
      if (excludeMatched && matched) continue;
      const stored = v.slice(0, this.width);
      if (!accept(stored)) continue;
      if (!matched && mark) this.values.put(k, [...stored, true]);
      out(stored);
    }
  }

  get size(): number {
    return this.values.size;
  }

  /** Removes every row whose key (by key predicate) or row (by value predicate) is at or below `upToUs`; calls `removed` for each. */
  evict(pred: StatePredicate, upToUs: number, removed: (row: Row, matched: boolean) => void): void {
    if (pred.kind === "key") {
      for (const [key, v] of this.numValues.evictUpTo(upToUs)) {
        const n = v[0] as number;
        for (let i = 0; i < n; i++) {
          const k = [...key, i];
          const row = this.values.get(k);
          if (row === undefined) continue;
          this.values.remove(k);
          removed(row.slice(0, this.width), row[this.width] === true);
        }
      }
      return;
    }
    // By value: the evicted rows leave holes in their keys' index ranges, which are closed up
    // (Spark moves the last value into a removed slot; only the order within a key differs).
    const touched = new Map<string, readonly unknown[]>();
    for (const [k, row] of this.values.evictUpTo(upToUs)) {
      const key = k.slice(0, k.length - 1);
      touched.set(keyString(key), key);
      removed(row.slice(0, this.width), row[this.width] === true);
    }
    for (const key of touched.values()) {
      const n = this.count(key);
      let next = 0;
      for (let i = 0; i < n; i++) {
        const v = this.values.get([...key, i]);
        if (v === undefined) continue;
        if (i !== next) {
          this.values.put([...key, next], v);
          this.values.remove([...key, i]);
        }
        next++;
      }
      if (next === 0) this.numValues.remove(key);
      else this.numValues.put(key, [next]);
    }
  }
}

/** What runs for one side: its key, its own conditions, its late-row test, its eviction. */
interface SideSpec {
  readonly side: Side;
  readonly width: number;
  readonly key: (row: unknown[], ctx?: EvalContext) => unknown[];
  /** The conjuncts over this side only (Spark's preJoinFilter). */
  readonly only?: Predicate;
  /** The event-time slot whose late rows are dropped. */
  readonly eventTime?: { readonly slot: number; readonly isWindow: boolean };
  readonly predicate?: StatePredicate;
  /** Rows of this side that find no match come out (with nulls for the other side). */
  readonly preserved: boolean;
}

export class StreamingSymmetricHashJoinExec implements Operator, StatefulOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly hasWatermark: boolean;
  private readonly state: OperatorStateHandle;
  private batch?: OperatorBatchState;
  private metrics: StateOperatorProgress;
  private readonly lw: number;
  private readonly rw: number;
  private readonly sides: Record<Side, SideSpec>;
  /** The conjuncts over both sides (Spark's postJoinFilter), over [left…, right…]. */
  private readonly both?: Predicate;
  private readonly inputs = new InputsOpen(2);
  private leftDone = false;
  /** Right rows that arrived before the left input finished: taken after it, as Spark takes them. */
  private waiting: { rows: Row[]; partition: number }[] = [];
  private dropped = 0;
  private updated = 0;
  private updateMs = 0;

  constructor(
    private readonly node: JoinNode, readonly info: StatefulInfo, predicates: JoinStatePredicates, opener: StateOpener, private readonly output: Output,
  ) {
    this.operatorId = info.operatorId;
    this.operatorName = info.operatorName;
    this.metrics = emptyMetrics(this.operatorName);
    this.hasWatermark = predicates.left !== undefined || predicates.right !== undefined;
    this.state = new OperatorStateHandle(this, opener);
    this.lw = node.left.output.length;
    this.rw = node.right.output.length;
    const split = splitResidual(node);
    this.both = split.both && compileExpression(split.both);
    const type = node.joinType;
    const eventTime = (attrs: JoinNode["output"]) => {
      const slot = attrs.findIndex((a) => a.watermarkDelayMs !== undefined);
      return slot < 0 ? undefined : { slot, isWindow: attrs[slot]!.type.kind === "struct" };
    };
    this.sides = {
      left: {
        side: "left", width: this.lw, key: compileProjection(node.leftKeys), only: split.left && compileExpression(split.left),
        eventTime: eventTime(node.left.output), predicate: predicates.left, preserved: type === "left" || type === "full",
      },
      right: {
        side: "right", width: this.rw, key: compileProjection(node.rightKeys.map((k) => shiftRefs(k, -this.lw))),
        only: split.right && compileExpression(shiftRefs(split.right, -this.lw)),
        eventTime: eventTime(node.right.output), predicate: predicates.right, preserved: type === "right" || type === "full",
      },
    };
  }

  process(rows: Row[], ctx: BatchContext, input: number, partition: number): void {
    if (input === 1 && !this.leftDone) {
      this.waiting.push({ rows, partition });
      return;
    }
    this.take(input === 0 ? "left" : "right", rows, ctx, partition);
  }

  finish(ctx: BatchContext, input: number): void {
    if (input === 0) {
      this.leftDone = true;
      for (const w of this.waiting) this.take("right", w.rows, ctx, w.partition);
      this.waiting = [];
    }
    if (!this.inputs.done()) return;
    this.leftDone = false;
    this.evict(ctx);
    this.output.finish(ctx);
  }

  private load(ctx: BatchContext): OperatorBatchState {
    return this.batch ??= this.state.load(ctx.batchId);
  }

  private sideState(state: OperatorBatchState, side: Side, partition: number): SideState {
    const names = joinStoreNames(side);
    const p = partition === NO_PARTITION ? 0 : partition;
    return new SideState(state.store(p, names.numValues), state.store(p, names.values), side === "left" ? this.lw : this.rw);
  }

  /**
   * A join key. A null key under `=` drops the row on a side whose unmatched rows do not come out
   * (Spark's optimizer filters it with the isnotnull it infers from the condition); an outer
   * side's rows are not filtered, so they are kept by their null key like any other.
   */
  private keyOf(spec: SideSpec, row: Row, ctx: EvalContext): unknown[] | undefined {
    const key = spec.key(row as unknown[], ctx);
    for (let i = 0; i < key.length; i++) {
      const v = key[i];
      if (v === null && !this.node.nullSafe[i] && !spec.preserved) return undefined;
      if (v === 0) key[i] = 0; // -0.0 joins 0.0
    }
    return key;
  }

  /** The event time (µs) at or below which this side's state is evicted in this batch; undefined: none. */
  private evictionBound(spec: SideSpec, watermarkMs: number): number | undefined {
    const p = spec.predicate;
    if (!p) return undefined;
    const w = p.kind === "key" ? watermarkMs : p.stateWatermark(watermarkMs);
    return w === undefined ? undefined : w * 1000;
  }

  /** Whether the watermark evicts a row of this side in this batch (its key or its event time). */
  private evictedNow(spec: SideSpec, key: readonly unknown[], row: Row, boundUs: number | undefined): boolean {
    const p = spec.predicate;
    if (!p || boundUs === undefined) return false;
    const t = p.kind === "key" ? timeOf(key[p.ordinal], p.isWindow) : timeOf(row[p.slot], p.isWindow);
    return t !== null && t <= boundUs;
  }

  /** storeAndJoinWithOtherSide for a chunk of one side. */
  private take(side: Side, rows: Row[], ctx: BatchContext, partition: number): void {
    const t0 = performance.now();
    const state = this.load(ctx);
    const spec = this.sides[side];
    const other = side === "left" ? "right" : "left";
    const mine = this.sideState(state, side, partition);
    const theirs = this.sideState(state, other, partition);
    const marks = ctx.watermarks(this.operatorId);
    const late = spec.eventTime ? marks.lateMs * 1000 : undefined;
    const evictBound = this.evictionBound(spec, marks.evictionMs);
    const type = this.node.joinType;
    const semi = type === "semi";
    const lw = this.lw;
    const joined: unknown[] = new Array(this.lw + this.rw);
    const out: Row[] = [];
    const nulls = (n: number) => new Array(n).fill(null);
    for (const row of rows) {
      if (late !== undefined) {
        const t = timeOf(row[spec.eventTime!.slot], spec.eventTime!.isWindow);
        if (t !== null && t <= late) {
          this.dropped++;
          continue;
        }
      }
      if (spec.only !== undefined && spec.only(row as unknown[], ctx) !== true) {
        // Fails its own side's condition: it can never match (an outer side's row comes out now).
        if (spec.preserved) out.push(side === "left" ? [...row, ...nulls(this.rw)] : [...nulls(lw), ...row]);
        continue;
      }
      const key = this.keyOf(spec, row, ctx);
      if (key === undefined) continue;
      let any = false;
      const accept = (stored: Row): boolean => {
        if (side === "left") {
          for (let i = 0; i < lw; i++) joined[i] = row[i];
          for (let i = 0; i < this.rw; i++) joined[lw + i] = stored[i];
        } else {
          for (let i = 0; i < lw; i++) joined[i] = stored[i];
          for (let i = 0; i < this.rw; i++) joined[lw + i] = row[i];
        }
        return this.both === undefined || this.both(joined, ctx) === true;
      };
      const mark = this.sides[other].preserved || (semi && other === "left");
      if (semi && side === "left") {
        // One left row when any stored right row matches.
        theirs.matches(key, accept, false, mark, () => (any = true));
        if (any) out.push(row);
      } else if (semi) {
        // Each stored left row the first time a right row matches it.
        theirs.matches(key, accept, true, mark, (stored) => {
          any = true;
          out.push(stored);
        });
      } else {
        theirs.matches(key, accept, false, mark, (stored) => {
          any = true;
          out.push(side === "left" ? [...row, ...stored] : [...stored, ...row]);
        });
      }
      // AddingProcessedRowToStateCompletionIterator: a left row is always kept (the right rows of
      // this batch are still to come), except a left semi row that matched; a right row only if
      // the watermark keeps it, or if it waits to come out unmatched.
      const keep = side === "left" ? !(semi && any)
        : !this.evictedNow(spec, key, row, evictBound) || (spec.preserved && !any);
      if (keep) {
        mine.append(key, row, any);
        this.updated++;
      }
    }
    this.updateMs += performance.now() - t0;
    this.emit(out, ctx);
  }

  /** The watermark's eviction at the end of the batch: unmatched rows of an outer side come out. */
  private evict(ctx: BatchContext): void {
    const state = this.load(ctx);
    const t1 = performance.now();
    const wm = ctx.watermarks(this.operatorId).evictionMs;
    let removed = 0;
    let total = 0;
    const out: Row[] = [];
    for (const side of ["left", "right"] as const) {
      const spec = this.sides[side];
      const pred = spec.predicate;
      const upTo = this.evictionBound(spec, wm);
      for (let p = 0; p < state.partitions; p++) {
        const s = this.sideState(state, side, p);
        if (upTo !== undefined) {
          s.evict(pred!, upTo, (row, matched) => {
            if (spec.preserved) {
              if (!matched) out.push(side === "left" ? [...row, ...new Array(this.rw).fill(null)] : [...new Array(this.lw).fill(null), ...row]);
            } else removed++;
          });
        }
        total += s.size;
      }
    }
    this.emit(out, ctx);
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsTotal: total, numRowsUpdated: this.updated, allUpdatesTimeMs: Math.round(this.updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: this.dropped,
    };
    this.dropped = this.updated = this.updateMs = 0;
  }

  private emit(rows: Row[], ctx: BatchContext): void {
    for (const chunk of chunksOf(rows)) this.output.process(chunk, ctx, NO_PARTITION);
  }

  async commit(): Promise<void> {
    const total = this.metrics.numRowsTotal;
    this.batch = undefined;
    const done = await this.state.commit();
    // Spark counts a join's state rows once: the rows of keyWithIndexToValue, both sides.
    if (done) this.metrics = { ...withCommit(this.metrics, done), numRowsTotal: total };
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

/**
 * JoinConditionSplitPredicates over the non-equi condition: deterministic conjuncts of the left
 * side only, of the right side only, and the rest (both sides, or not deterministic).
 */
function splitResidual(node: JoinNode): { left?: Bound; right?: Bound; both?: Bound } {
  type B = Bound;
  if (!node.residual) return {};
  const lw = node.left.output.length;
  const flat = (b: B): B[] => (b.kind === "and" ? [...flat(b.left), ...flat(b.right)] : [b]);
  const and = (xs: B[]): B | undefined =>
    xs.length === 0 ? undefined : xs.reduce((a, c) => ({ kind: "and", left: a, right: c, type: c.type, nullable: a.nullable || c.nullable }));
  const left: B[] = [], right: B[] = [], both: B[] = [];
  for (const c of flat(node.residual)) {
    const refs = [...refsOf(c)];
    if (!deterministic(c)) both.push(c);
    else if (refs.every((r) => r < lw)) left.push(c);
    else if (refs.every((r) => r >= lw)) right.push(c);
    else both.push(c);
  }
  // A conjunct with no columns at all is on both the left-only and the right-only lists in Spark.
  for (const c of left) if ([...refsOf(c)].length === 0) right.push(c);
  return { left: and(left), right: and(right), both: and(both) };
}

function deterministic(b: Bound): boolean {
  switch (b.kind) {
    case "fn":
      return b.deterministic !== false && b.args.every(deterministic);
    case "coalesce":
      return b.args.every(deterministic);
    case "and":
    case "or":
      return deterministic(b.left) && deterministic(b.right);
    case "case":
      return b.branches.every((br) => deterministic(br.when) && deterministic(br.then)) && deterministic(b.otherwise);
    default:
      return true;
  }
}
