// A fused pipeline (Spark's whole-stage codegen): a run of row-at-a-time operators (project,
// filter, explode, watermark stats) compiled into one generated loop, run over each chunk of rows
// as it arrives, with no per-operator arrays in between.
import type { Bound } from "../expr/bound.ts";
import { CodeBuilder } from "../expr/codegen.ts";
import { refsOf } from "../expr/bound_refs.ts";
import type { Row } from "../plugin/contract.ts";
import { assertNever } from "../plan/plan.ts";
import type { PipelineOp } from "../planner/physical_plan.ts";
import type { BatchContext } from "./batch_context.ts";
import type { Operator, Output } from "./operator.ts";

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

export class PipelineExec implements Operator {
  private readonly run: (input: readonly Row[], out: Row[], ctx: BatchContext) => void;

  constructor(ops: readonly PipelineOp[], inputWidth: number, stats: EventTimeStats[], private readonly output: Output) {
    this.run = fuse(ops, inputWidth, stats);
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    const out: Row[] = [];
    this.run(rows, out, ctx);
    if (out.length > 0) this.output.process(out, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    this.output.finish(ctx);
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
export function fuse(ops: readonly PipelineOp[], inputWidth: number, stats: EventTimeStats[]): (input: readonly Row[], out: Row[], ctx: BatchContext) => void {
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
        if (!isMap && !isInline && !op.position && !op.outer) {
          // A plain explode of an array (a time window's too): its elements are the new column,
          // read in place, with no array per element.
          for (const c of cols) materialize(c);
          body.push(`if (${g} !== null) for (let ${j} = 0; ${j} < ${g}.length; ${j}++) {`);
          open++;
          cols = [...cols, { code: `${g}[${j}]` }];
          whole = null;
          break;
        }
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
