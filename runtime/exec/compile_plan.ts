// Turns an analyzed plan into something that runs a batch. Runs of row-at-a-time operators
// (project, filter, explode, watermark stats) are fused into one generated loop per run, so a
// batch is one pass over its input with no per-operator arrays in between.
import { CodeBuilder } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import { assertNever, type Plan } from "../plan/plan.ts";
import type { StateStoreProvider } from "../state/state_store.ts";
import { AggregateExec } from "./aggregate_exec.ts";
import type { BatchContext, StatefulOperator } from "./stateful_operator.ts";

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
  /** Runs one batch. `ctx` is given for streaming queries (stateful operators need it). */
  run(input: BatchInput, ctx?: BatchContext): Row[];
  /** One entry per withWatermark node, in plan order. */
  readonly eventTimeStats: readonly EventTimeStats[];
  /** The stateful operators, numbered in plan order (their state lives in state/<operatorId>). */
  readonly statefulOperators: readonly StatefulOperator[];
}

/** Opens the state store of one stateful operator (file-backed under the checkpoint, or in memory). */
export type StateOpener = (operatorId: number) => StateStoreProvider;

interface Compiling {
  stats: EventTimeStats[];
  operators: StatefulOperator[];
  openState: StateOpener;
}

type Runner = (input: BatchInput, ctx?: BatchContext) => Row[];

type Op = Extract<Plan, { kind: "project" | "filter" | "generate" | "watermark" | "alias" }>;

export function compilePlan(plan: Plan, openState: StateOpener = noState): Executable {
  const c: Compiling = { stats: [], operators: [], openState };
  const run = build(plan, c);
  return { run, eventTimeStats: c.stats, statefulOperators: c.operators };
}

const noState: StateOpener = () => {
  throw new Error("this plan has no state store");
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
    fused(leaf(input, ctx), out);
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
      return (input, ctx) => child(input, ctx).slice(0, p.limit);
    }
    case "aggregate": {
      const child = build(p.input, c);
      const exec = new AggregateExec(p, c.operators.length, c.openState);
      c.operators.push(exec);
      return (input, ctx) => (ctx ? exec.runStream(child(input, ctx), ctx) : exec.runBatch(child(input)));
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

/** Generates `function (input, out)` running `ops` over every input row. */
function fuse(ops: readonly Op[], inputWidth: number, stats: EventTimeStats[]): (input: readonly Row[], out: Row[]) => void {
  const cb = new CodeBuilder();
  const body: string[] = [];
  let open = 1;
  body.push("for (let i = 0; i < input.length; i++) {");
  let row = "input[i]";
  let width = inputWidth;
  for (const op of ops) {
    switch (op.kind) {
      case "alias":
        break;
      case "watermark": {
        const s = new EventTimeStats(op.delayMs);
        stats.push(s);
        const k = cb.constant(s), t = cb.fresh("t");
        body.push(`const ${t} = ${row}[${op.column}];`);
        body.push(`if (${t} !== null) { if (${t} > ${k}.max) ${k}.max = ${t}; if (${t} < ${k}.min) ${k}.min = ${t}; ${k}.sum += ${t}; ${k}.count++; }`);
        break;
      }
      case "filter": {
        const r = cb.fresh("r");
        body.push(`const ${r} = ${row};`);
        cb.lines.length = 0;
        const v = cb.expr(op.condition, r);
        body.push(...cb.lines, `if (${v} !== true) continue;`);
        row = r;
        break;
      }
      case "project": {
        const r = cb.fresh("r");
        body.push(`const ${r} = ${row};`);
        cb.lines.length = 0;
        const vals = op.exprs.map((e) => cb.expr(e, r));
        const next = cb.fresh("r");
        body.push(...cb.lines, `const ${next} = [${vals.join(", ")}];`);
        row = next;
        width = op.exprs.length;
        break;
      }
      case "generate": {
        const r = cb.fresh("r");
        body.push(`const ${r} = ${row};`);
        cb.lines.length = 0;
        const g = cb.expr(op.generator, r);
        body.push(...cb.lines);
        const items = cb.fresh("g"), j = cb.fresh("j"), e = cb.fresh("e"), next = cb.fresh("r");
        const kept = Array.from({ length: width }, (_, c) => `${r}[${c}]`);
        const isMap = op.generator.type.kind === "map";
        const isInline = op.generatorName.startsWith("inline");
        const genWidth = op.output.length - width - (op.position ? 1 : 0);
        const nulls = Array.from({ length: genWidth }, () => "null");
        // Outer generators emit one row of nulls for a null or empty collection.
        const emptyRow = op.outer ? `[[${[...(op.position ? ["null"] : []), ...nulls].join(", ")}]]` : "[]";
        const conv = isMap ? `Array.from(${g}, ([a, b], n) => ${op.position ? "[n, a, b]" : "[a, b]"})`
          : isInline ? `${g}.map((s, n) => s === null ? [${op.position ? "n, " : ""}${nulls.join(", ")}] : ${op.position ? "[n, ...s]" : "s"})`
          : `${g}.map((x, n) => ${op.position ? "[n, x]" : "[x]"})`;
        body.push(`const ${items} = (${g} === null || ${isMap ? `${g}.size` : `${g}.length`} === 0) ? ${emptyRow} : ${conv};`);
        body.push(`for (let ${j} = 0; ${j} < ${items}.length; ${j}++) {`, `const ${e} = ${items}[${j}];`);
        open++;
        const genVals = Array.from({ length: genWidth + (op.position ? 1 : 0) }, (_, c) => `${e}[${c}]`);
        body.push(`const ${next} = [${[...kept, ...genVals].join(", ")}];`);
        row = next;
        width = op.output.length;
        break;
      }
      default:
        assertNever(op);
    }
  }
  body.push(`out.push(${row});`);
  body.push("}".repeat(open));
  return cb.compile(["input", "out"], body.join("\n"));
}
