// Turns bound expressions into JavaScript source, compiled once per query with `new Function`, so
// no expression tree is walked per row. Values follow the representation in types/data_type.ts;
// null is always `null` (never undefined). Every compiled function takes the batch's EvalContext
// as its last parameter, `ctx`, which functions such as current_timestamp() read.
import { internalError } from "../errors.ts";
import type { Bound, EvalContext } from "./bound.ts";

/** Collects statements and the constants (function impls, non-primitive literals) they refer to. */
export class CodeBuilder {
  readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  private nextVar = 0;
  /** Whether the code calls a function that reads the batch's context. */
  private readsContext = false;

  fresh(prefix = "v"): string {
    return `${prefix}${this.nextVar++}`;
  }

  /** A name bound to `value` inside the compiled function (captured once, not per row). */
  constant(value: unknown): string {
    let i = this.consts.indexOf(value);
    if (i < 0) {
      i = this.consts.length;
      this.consts.push(value);
    }
    return `k${i}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /**
   * Emits statements computing `b`; returns a variable or literal holding the value. `row` is the
   * variable holding the input row, or a function giving the JS expression of each input column (fused operators keep
   * columns in variables instead of building an array per operator).
   */
  expr(b: Bound, row: string | ((ordinal: number) => string)): string {
    switch (b.kind) {
      case "ref":
        return typeof row === "string" ? `${row}[${b.ordinal}]` : row(b.ordinal);
      case "lambdaVar":
        return `lv${b.index}`;
      case "lit":
        return this.literal(b.value);
      case "fn":
        return this.call(b, row);
      case "and":
      case "or":
        return this.logic(b, row);
      case "case":
        return this.caseWhen(b, row);
      case "coalesce": {
        const v = this.fresh();
        this.emit(`let ${v} = null;`);
        let open = 0;
        for (const a of b.args) {
          const x = this.expr(a, row);
          this.emit(`${v} = ${x};`);
          this.emit(`if (${v} === null) {`);
          open++;
        }
        this.emit("}".repeat(open));
        return v;
      }
      default: {
        const never: never = b;
        throw new Error(`codegen: unknown node ${JSON.stringify(never)}`);
      }
    }
  }

  private literal(value: unknown): string {
    if (value === null) return "null";
    // Negative numbers are parenthesized: an inline operator may put a sign before them ("-(-1.5)").
    if (typeof value === "number") {
      if (Number.isNaN(value)) return "NaN";
      if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "(-Infinity)";
      return Object.is(value, -0) ? "(-0)" : value < 0 ? `(${value})` : String(value);
    }
    if (typeof value === "boolean") return String(value);
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "bigint") return value < 0n ? `(${value}n)` : `${value}n`;
    return this.constant(value);
  }

  private call(b: Extract<Bound, { kind: "fn" }>, row: string | ((ordinal: number) => string)): string {
    const args = b.args.map((a) => {
      const x = this.expr(a, row);
      // Reading a row slot twice is cheap, but a computed value must be held in a variable.
      const k = a.type.kind;
      if (!b.exactMicros && (k === "timestamp" || k === "timestamp_ntz" || k === "daytime_interval")) {
        const v = this.fresh();
        this.emit(`const ${v} = typeof ${x} === "bigint" ? Number(${x}) : ${x};`);
        return v;
      }
      if (/^[A-Za-z_$][\w$]*(\[\d+\])?$/.test(x) || /^-?[\d.]+n?$/.test(x) || x === "null") return x;
      const v = this.fresh();
      this.emit(`const ${v} = ${x};`);
      return v;
    });
    if (b.contextual) this.readsContext = true;
    const callArgs = b.contextual ? ["ctx", ...args] : args;
    const body = b.inline ? `(${b.inline(args)})` : `${this.constant(b.impl)}(${callArgs.join(", ")})`;
    const nullable = b.nullSafe ? [] : b.args.map((a, i) => (a.nullable ? args[i] : null)).filter((x) => x !== null);
    const v = this.fresh();
    if (nullable.length === 0) {
      this.emit(`const ${v} = ${body};`);
    } else {
      const test = [...new Set(nullable)].map((x) => `${x} === null`).join(" || ");
      this.emit(`const ${v} = (${test}) ? null : ${body};`);
    }
    return v;
  }

  private logic(b: Extract<Bound, { kind: "and" | "or" }>, row: string | ((ordinal: number) => string)): string {
    // Three-valued logic with short-circuit: false AND x = false, true OR x = true.
    const stop = b.kind === "and" ? "false" : "true";
    const v = this.fresh();
    const l = this.expr(b.left, row);
    this.emit(`let ${v};`);
    this.emit(`if (${l} === ${stop}) { ${v} = ${stop}; } else {`);
    const r = this.expr(b.right, row);
    this.emit(`${v} = ${r} === ${stop} ? ${stop} : (${l} === null || ${r} === null) ? null : ${b.kind === "and" ? "true" : "false"};`);
    this.emit("}");
    return v;
  }

  private caseWhen(b: Extract<Bound, { kind: "case" }>, row: string | ((ordinal: number) => string)): string {
    const v = this.fresh();
    this.emit(`let ${v};`);
    for (const br of b.branches) {
      const c = this.expr(br.when, row);
      this.emit(`if (${c} === true) {`);
      const t = this.expr(br.then, row);
      this.emit(`${v} = ${t};`);
      this.emit("} else {");
    }
    const o = this.expr(b.otherwise, row);
    this.emit(`${v} = ${o};`);
    this.emit("}".repeat(b.branches.length));
    return v;
  }

  /**
   * Compiles `body` (which may use `k0…` constants) into a function with the given parameters and
   * `ctx`, the batch's EvalContext, last.
   */
  compile<F extends (...args: any[]) => any>(params: readonly string[], body: string): F {
    const header = this.consts.map((_, i) => `const k${i} = k[${i}];`).join("\n");
    // Code that reads the batch fails clearly when run outside one (an engine bug).
    const guard = this.readsContext ? `if (ctx === undefined) throw noContext();\n` : "";
    const src = `${header}\nreturn function compiled(${[...params, "ctx"].join(", ")}) {\n${guard}${body}\n};`;
    try {
      return new Function("k", "noContext", src)(this.consts, noContext) as F;
    } catch (e) {
      throw new Error(`codegen produced invalid JavaScript (${(e as Error).message}):\n${src}`);
    }
  }
}

const noContext = () => internalError("an expression that reads the batch (current_timestamp(), rand() …) was evaluated outside a batch");

/** Compiles a projection: row -> new row with one slot per expression. */
export function compileProjection(exprs: readonly Bound[]): (row: unknown[], ctx?: EvalContext) => unknown[] {
  const cb = new CodeBuilder();
  const vals = exprs.map((e) => cb.expr(e, "r"));
  return cb.compile(["r"], `${cb.lines.join("\n")}\nreturn [${vals.join(", ")}];`);
}

/** Compiles a projection into a caller's array: (row, out) writes out[i] = exprs[i] (no allocation). */
export function compileFill(exprs: readonly Bound[]): (row: unknown[], out: unknown[], ctx?: EvalContext) => void {
  const cb = new CodeBuilder();
  const vals = exprs.map((e) => cb.expr(e, "r"));
  return cb.compile(["r", "o"], `${cb.lines.join("\n")}\n${vals.map((v, i) => `o[${i}] = ${v};`).join("\n")}`);
}

/** Compiles a predicate: row -> true only when the condition is true (null counts as false). */
export function compilePredicate(cond: Bound): (row: unknown[], ctx?: EvalContext) => boolean {
  const cb = new CodeBuilder();
  const v = cb.expr(cond, "r");
  return cb.compile(["r"], `${cb.lines.join("\n")}\nreturn ${v} === true;`);
}

/** Compiles a single expression: row -> value. */
export function compileExpression(e: Bound): (row: unknown[], ctx?: EvalContext) => unknown {
  const cb = new CodeBuilder();
  const v = cb.expr(e, "r");
  return cb.compile(["r"], `${cb.lines.join("\n")}\nreturn ${v};`);
}
