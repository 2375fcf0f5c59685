// JOIN (Spark's BroadcastHashJoin / BroadcastNestedLoopJoin): one side is built — hashed on its
// equi-join keys, or kept whole for a nested loop — and the other side's chunks probe it as they
// arrive, so a stream joined with a static table flows through chunk by chunk. The build side is
// the right one (the left one for a right outer join). The residual condition is checked on the
// joined row. Null keys never match under `=`; `<=>` keys match nulls.
import type { EvalContext } from "../expr/bound.ts";
import { compileExpression, compileProjection } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { InputsOpen, NO_PARTITION, type Operator, type Output } from "./operator.ts";

type JoinNode = Extract<Plan, { kind: "join" }>;

/** Spark normalizes -0.0 to 0.0 in join keys (NaN equals NaN already in the key strings). */
function normalize(v: unknown): unknown {
  return v === 0 ? 0 : v;
}

/** The build side: its rows, hashed by key (or every row, for a nested loop). */
interface Built {
  readonly rows: readonly Row[];
  readonly table?: Map<string, number[]>;
  readonly every?: readonly number[];
  /** Full outer join: which build rows found a match. */
  readonly matched?: Uint8Array;
}

export class JoinExec implements Operator {
  private readonly lw: number;
  private readonly rw: number;
  private readonly residual?: (row: unknown[], ctx?: EvalContext) => unknown;
  private readonly leftKey?: (row: unknown[], ctx?: EvalContext) => unknown[];
  private readonly rightKeyOf?: (row: unknown[], ctx?: EvalContext) => unknown[];
  private readonly scratch: unknown[];
  private readonly leftNulls: unknown[];
  private readonly rightNulls: unknown[];
  /** The input that is built (1: right; 0: left, for a right outer join). */
  private readonly buildInput: number;
  private buildRows: Row[] = [];
  private built?: Built;
  private waiting: Row[][] = [];
  private readonly inputs = new InputsOpen(2);

  constructor(private readonly node: JoinNode, private readonly output: Output) {
    this.lw = node.left.output.length;
    this.rw = node.right.output.length;
    this.residual = node.residual ? compileExpression(node.residual) : undefined;
    const hashed = node.leftKeys.length > 0;
    this.leftKey = hashed ? compileProjection(node.leftKeys) : undefined;
    // Right keys are bound over [left…, right…]: evaluated on a row padded on the left.
    this.rightKeyOf = hashed ? compileProjection(node.rightKeys) : undefined;
    this.scratch = new Array(this.lw + this.rw).fill(null);
    this.leftNulls = new Array(this.lw).fill(null);
    this.rightNulls = new Array(this.rw).fill(null);
    this.buildInput = node.joinType === "right" ? 0 : 1;
  }

  process(rows: Row[], ctx: BatchContext, input: number): void {
    if (input === this.buildInput) {
      for (const r of rows) this.buildRows.push(r);
    } else if (this.built) {
      this.emit(this.probe(rows, this.built, ctx), ctx);
    } else {
      this.waiting.push(rows);
    }
  }

  finish(ctx: BatchContext, input: number): void {
    if (input === this.buildInput) {
      this.built = this.build(this.buildRows, ctx);
      this.buildRows = [];
      for (const rows of this.waiting) this.emit(this.probe(rows, this.built, ctx), ctx);
      this.waiting = [];
    }
    if (!this.inputs.done()) return;
    const built = this.built!;
    this.built = undefined;
    if (built.matched) {
      const out: Row[] = [];
      for (let i = 0; i < built.rows.length; i++) if (!built.matched[i]) out.push([...this.leftNulls, ...built.rows[i]!]);
      this.emit(out, ctx);
    }
    this.output.finish(ctx);
  }

  private emit(rows: Row[], ctx: BatchContext): void {
    for (const chunk of chunksOf(rows)) this.output.process(chunk, ctx, NO_PARTITION);
  }

  private keyOf(vals: unknown[]): string | undefined {
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === null && !this.node.nullSafe[i]) return undefined;
      vals[i] = normalize(vals[i]);
    }
    return keyString(vals);
  }

  private rightKey(r: Row, ctx: EvalContext): unknown[] {
    for (let i = 0; i < this.rw; i++) this.scratch[this.lw + i] = r[i];
    return this.rightKeyOf!(this.scratch, ctx);
  }

  private build(rows: Row[], ctx: EvalContext): Built {
    const matched = this.node.joinType === "full" ? new Uint8Array(rows.length) : undefined;
    if (!this.leftKey) return { rows, every: Array.from({ length: rows.length }, (_, i) => i), matched };
    const key = this.buildInput === 0 ? (r: Row) => this.leftKey!(r as unknown[], ctx) : (r: Row) => this.rightKey(r, ctx);
    const table = new Map<string, number[]>();
    for (let i = 0; i < rows.length; i++) {
      const k = this.keyOf(key(rows[i]!));
      if (k === undefined) continue;
      const list = table.get(k);
      if (list) list.push(i);
      else table.set(k, [i]);
    }
    return { rows, table, matched };
  }

  private matches(row: Row, ctx: EvalContext): boolean {
    return this.residual === undefined || this.residual(row as unknown[], ctx) === true;
  }

  /** The joined rows of a chunk of the probe side, in its order. */
  private probe(rows: readonly Row[], built: Built, ctx: EvalContext): Row[] {
    const out: Row[] = [];
    const type = this.node.joinType;
    const candidates = (k: string | undefined) => (built.table ? (k === undefined ? undefined : built.table.get(k)) : built.every);
    if (this.buildInput === 0) {
      // A right outer join probes with the right rows.
      for (const r of rows) {
        const cands = candidates(built.table ? this.keyOf(this.rightKey(r, ctx)) : "");
        let hit = false;
        if (cands) {
          for (const i of cands) {
            const row = [...built.rows[i]!, ...r];
            if (this.matches(row, ctx)) {
              out.push(row);
              hit = true;
            }
          }
        }
        if (!hit) out.push([...this.leftNulls, ...r]);
      }
      return out;
    }
    for (const l of rows) {
      const cands = candidates(built.table ? this.keyOf(this.leftKey!(l as unknown[], ctx)) : "");
      let hit = false;
      if (cands) {
        for (const i of cands) {
          const row = [...l, ...built.rows[i]!];
          if (!this.matches(row, ctx)) continue;
          hit = true;
          if (type === "semi" || type === "anti") break;
          out.push(row);
          if (built.matched) built.matched[i] = 1;
        }
      }
      if (type === "semi" && hit) out.push(l);
      else if (type === "anti" && !hit) out.push(l);
      else if ((type === "left" || type === "full") && !hit) out.push([...l, ...this.rightNulls]);
    }
    return out;
  }
}
