// Turns an analyzed plan into something that runs a batch. Runs of row-at-a-time operators
// (project, filter, explode, watermark stats) are fused into one generated loop per run, so a
// batch is one pass over its input with no per-operator arrays in between.
import type { Bound } from "../expr/bound.ts";
import { CodeBuilder } from "../expr/codegen.ts";
import { refsOf } from "../expr/bound_refs.ts";
import type { Row } from "../plugin/contract.ts";
import { assertNever, type Plan } from "../plan/plan.ts";
import { AggregateExec } from "./aggregate_exec.ts";
import { SessionAggregateExec } from "./session_aggregate_exec.ts";
import { DedupExec } from "./dedup_exec.ts";
import { StreamingLimitExec } from "./limit_exec.ts";
import { sorter } from "./sort_exec.ts";
import type { BatchContext, StatefulOperator, StateOpener } from "./stateful_operator.ts";
import { joinRunner } from "./join_exec.ts";
import { windowRunner } from "./window_exec.ts";
import { setOpRunner } from "./set_op_exec.ts";
import { keyString } from "../state/key_string.ts";

/** Rows per source for one batch, keyed by the plan's sourceId. */
export type BatchInput = ReadonlyMap<number, readonly Row[]>;

/** Event-time figures gathered by a withWatermark node during one batch (microseconds). */
export class EventTimeStats {
  max = -Infinity;
  min = Infinity;
  sum = 0;
  count = 0;
  constructor(readonly delayMs: number) {}
  reset(): void {
    this.max = -Infinity;
    this.min = Infinity;
    this.sum = 0;
    this.count = 0;
  }
}

export interface Executable {
  /** Runs one batch; `ctx` says which (a streaming batch, or a batch query) and is passed to generated code. */
  run(input: BatchInput, ctx: BatchContext): Row[];
  /** One entry per withWatermark node, in plan order. */
  readonly eventTimeStats: readonly EventTimeStats[];
  /** The stateful operators, numbered in plan order (their state lives in state/<operatorId>). */
  readonly statefulOperators: readonly StatefulOperator[];
}

interface Compiling {
  stats: EventTimeStats[];
  operators: StatefulOperator[];
  openState: StateOpener;
}

type Runner = (input: BatchInput, ctx: BatchContext) => Row[];

type Op = Extract<Plan, { kind: "project" | "filter" | "generate" | "watermark" | "alias" }>;

export function compilePlan(plan: Plan, openState: StateOpener = noState): Executable {
  const c: Compiling = { stats: [], operators: [], openState };
  const run = build(plan, c);
  return { run, eventTimeStats: c.stats, statefulOperators: c.operators };
}

const noState: StateOpener = () => {
  throw new Error("a batch query keeps no state");
};

function build(plan: Plan, c: Compiling): Runner {
  // Collect the run of fusable operators above a leaf-like node.
  const ops: Op[] = [];
  let p: Plan = plan;
  while (p.kind === "project" || p.kind === "filter" || p.kind === "generate" || p.kind === "watermark" || p.kind === "alias") {
    ops.push(p);
    p = p.input;
  }
  ops.reverse();
  const leaf = leafRunner(p, c);
  if (ops.length === 0) return leaf;
  const fused = fuse(ops, p.output.length, c.stats);
  return (input, ctx) => {
    const out: Row[] = [];
    fused(leaf(input, ctx), out, ctx);
    return out;
  };
}

function leafRunner(p: Plan, c: Compiling): Runner {
  switch (p.kind) {
    case "source":
      return (input) => (input.get(p.sourceId) ?? []) as Row[];
    case "local":
      return () => p.rows as Row[];
    case "table":
      return () => p.rowsOf() as Row[];
    case "union": {
      const parts = p.inputs.map((q) => build(q, c));
      return (input, ctx) => parts.flatMap((f) => f(input, ctx));
    }
    case "limit": {
      const child = build(p.input, c);
      if (!p.streaming) return (input, ctx) => child(input, ctx).slice(0, p.limit);
      const exec = new StreamingLimitExec(p.limit, c.operators.length, c.openState);
      c.operators.push(exec);
      return (input, ctx) => exec.run(child(input, ctx), ctx);
    }
    case "sort": {
      const child = build(p.input, c);
      const sort = sorter(p.orders);
      return (input, ctx) => sort(child(input, ctx), ctx);
    }
    case "dedup": {
      const child = build(p.input, c);
      const exec = new DedupExec(p, c.operators.length, c.openState);
      c.operators.push(exec);
      return (input, ctx) => (ctx.streaming ? exec.runStream(child(input, ctx), ctx) : exec.runBatch(child(input, ctx)));
    }
    case "aggregate": {
      const child = build(p.input, c);
      const exec = p.session ? new SessionAggregateExec(p, c.operators.length, c.openState) : new AggregateExec(p, c.operators.length, c.openState);
      c.operators.push(exec);
      return (input, ctx) => (ctx.streaming ? exec.runStream(child(input, ctx), ctx) : exec.runBatch(child(input, ctx), ctx));
    }
    case "join": {
      const left = build(p.left, c), right = build(p.right, c);
      const run = joinRunner(p);
      return (input, ctx) => run(left(input, ctx), right(input, ctx), ctx);
    }
    case "window": {
      const child = build(p.input, c);
      const run = windowRunner(p);
      return (input, ctx) => run(child(input, ctx), ctx);
    }
    case "offset": {
      const child = build(p.input, c);
      return (input, ctx) => child(input, ctx).slice(p.offset);
    }
    case "setOp": {
      const left = build(p.left, c), right = build(p.right, c);
      const run = setOpRunner(p.op, p.all);
      return (input, ctx) => run(left(input, ctx), right(input, ctx));
    }
    case "subqueries": {
      const child = build(p.input, c);
      // Subqueries run as batch plans of their own, once per distinct outer values per batch.
      const sub: Compiling = { stats: [], operators: [], openState: noState };
      const subs = p.subqueries.map((s) => ({ holder: s, run: build(s.plan, sub) }));
      return (input, ctx) => {
        for (const { holder, run } of subs) {
          const cache = new Map<string, readonly Row[]>();
          holder.evaluate = (outer) => {
            const k = keyString(outer);
            let rows = cache.get(k);
            if (rows === undefined) {
              rows = run(input, { ...ctx, streaming: false });
              cache.set(k, rows);
            }
            return rows;
          };
        }
        return child(input, ctx);
      };
    }
    case "project":
    case "filter":
    case "generate":
    case "watermark":
    case "alias":
      return build(p, c);
    default:
      return assertNever(p);
  }
}

/** A column of the fused loop: already computed (`code`), or computed on first use from `bound`. */
interface LazyColumn {
  code?: string;
  bound?: Bound;
  src?: LazyColumn[];
}


/**
 * Generates `function (input, out)` running `ops` over every input row. Columns live in local
 * variables and a projected column is computed only when something needs it, after the filters
 * before that point (Spark pushes filters below projections the same way). A row array is built
 * once, at the end, or not at all when the operators only filter.
 */
function fuse(ops: readonly Op[], inputWidth: number, stats: EventTimeStats[]): (input: readonly Row[], out: Row[], ctx: BatchContext) => void {
  const cb = new CodeBuilder();
  const body: string[] = [];
  let open = 1;
  body.push("for (let i = 0; i < input.length; i++) {", "const r = input[i];");
  let cols: LazyColumn[] = Array.from({ length: inputWidth }, (_, c) => ({ code: `r[${c}]` }));
  // A variable holding exactly `cols` as an array, if there is one (the input row until a projection).
  let whole: string | null = "r";
  const simple = (x: string) => /^[A-Za-z_$][\w$]*(\[\d+\])?$/.test(x) || /^(-?[\d.]+n?|null|true|false|"([^"\\]|\\.)*")$/.test(x);
  const hold = (x: string) => {
    if (simple(x)) return x;
    const v = cb.fresh("c");
    body.push(`const ${v} = ${x};`);
    return v;
  };
  const materialize = (c: LazyColumn): string => {
    if (c.code !== undefined) return c.code;
    c.code = hold(gen(c.bound!, c.src!));
    return c.code;
  };
  // Emits an expression at the loop's top level, after the columns it reads.
  const gen = (b: Bound, src: LazyColumn[]): string => {
    for (const o of refsOf(b)) materialize(src[o]!);
    cb.lines.length = 0;
    const v = cb.expr(b, (o: number) => src[o]!.code!);
    body.push(...cb.lines);
    return v;
  };
  for (const op of ops) {
    switch (op.kind) {
      case "alias":
        break;
      case "watermark": {
        const s = new EventTimeStats(op.delayMs);
        stats.push(s);
        const k = cb.constant(s), t = cb.fresh("t");
        body.push(`const ${t} = ${materialize(cols[op.column]!)};`);
        body.push(`if (${t} !== null) { if (${t} > ${k}.max) ${k}.max = ${t}; if (${t} < ${k}.min) ${k}.min = ${t}; ${k}.sum += ${t}; ${k}.count++; }`);
        break;
      }
      case "filter": {
        const v = gen(op.condition, cols);
        body.push(`if (${v} !== true) continue;`);
        break;
      }
      case "project": {
        const src = cols;
        cols = op.exprs.map((e) => (e.kind === "ref" ? src[e.ordinal]! : { bound: e, src }));
        whole = null;
        break;
      }
      case "generate": {
        const g = hold(gen(op.generator, cols));
        const items = cb.fresh("g"), j = cb.fresh("j"), e = cb.fresh("e");
        const isMap = op.generator.type.kind === "map";
        const isInline = op.generatorName.startsWith("inline");
        const genWidth = op.output.length - cols.length - (op.position ? 1 : 0);
        const nulls = Array.from({ length: genWidth }, () => "null");
        // Outer generators emit one row of nulls for a null or empty collection.
        const emptyRow = op.outer ? `[[${[...(op.position ? ["null"] : []), ...nulls].join(", ")}]]` : "[]";
        const conv = isMap ? `Array.from(${g}, ([a, b], n) => ${op.position ? "[n, a, b]" : "[a, b]"})`
          : isInline ? `${g}.map((s, n) => s === null ? [${op.position ? "n, " : ""}${nulls.join(", ")}] : ${op.position ? "[n, ...s]" : "s"})`
          : `${g}.map((x, n) => ${op.position ? "[n, x]" : "[x]"})`;
        // Columns needed later must exist outside the inner loop's block.
        for (const c of cols) materialize(c);
        body.push(`const ${items} = (${g} === null || ${isMap ? `${g}.size` : `${g}.length`} === 0) ? ${emptyRow} : ${conv};`);
        body.push(`for (let ${j} = 0; ${j} < ${items}.length; ${j}++) {`, `const ${e} = ${items}[${j}];`);
        open++;
        const genCols = Array.from({ length: genWidth + (op.position ? 1 : 0) }, (_, c) => ({ code: `${e}[${c}]` }));
        cols = [...cols, ...genCols];
        whole = null;
        break;
      }
      default:
        assertNever(op);
    }
  }
  const final = whole ?? `[${cols.map(materialize).join(", ")}]`;
  body.push(`out.push(${final});`);
  body.push("}".repeat(open));
  return cb.compile(["input", "out"], body.join("\n"));
}
