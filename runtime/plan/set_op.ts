// INTERSECT / EXCEPT [ALL] and OFFSET. Set operations match columns by position and widen their
// types as UNION does; the output takes the left side's names.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { findCommonType, implicitCast } from "../expr/coercion.ts";
import { sqlType } from "../expr/expr_errors.ts";
import type { DataType } from "../types/data_type.ts";
import { userError } from "../errors.ts";
import type { Plan } from "./plan.ts";
import type { ResolveContext } from "./resolve_expr.ts";

const freeze = <T>(x: T): T => Object.freeze(x);

export function setOperation(op: "intersect" | "except", all: boolean, left: Plan, right: Plan, ctx: ResolveContext): Plan {
  const name = op.toUpperCase();
  if (left.output.length !== right.output.length) {
    throw userError("NUM_COLUMNS_MISMATCH",
      `${name} can only be performed on inputs with the same number of columns, but the first input has ${left.output.length} columns and the second input has ${right.output.length} columns.`,
      { sqlState: "42826" });
  }
  // On streams Spark refuses these when the query starts (check_streaming.ts).
  const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql: op, argSql: [] };
  const types = setOpColumnTypes([left, right], `${name}${all ? " ALL" : ""}`);
  const cast = (p: Plan): Plan => {
    if (p.output.every((a, i) => a.type.equals(types[i]!))) return p;
    const exprs: Bound[] = p.output.map((a, i) => implicitCast({ kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name }, types[i]!, bindCtx));
    return freeze({
      kind: "project", input: p, exprs, sources: p.output.map((a) => ({ kind: "column", parts: [a.name] }) as Expr),
      output: p.output.map((a, i) => ({ ...a, type: types[i]! })), streaming: p.streaming,
    }) as Plan;
  };
  const l = cast(left), r = cast(right);
  // INTERSECT keeps a column nullable only if it is nullable on both sides; EXCEPT keeps the left's.
  const output = l.output.map((a, i) => ({
    ...a, watermarkDelayMs: undefined, nullable: op === "intersect" ? a.nullable && r.output[i]!.nullable : a.nullable,
  }));
  return freeze({ kind: "setOp", op, all, left: l, right: r, output, streaming: left.streaming || right.streaming });
}

/**
 * The column types of a set operation: each column widened over its inputs (WidenSetOperationTypes);
 * a column that cannot be is Spark's INCOMPATIBLE_COLUMN_TYPE, naming the first input that clashes
 * with the first one.
 */
export function setOpColumnTypes(inputs: readonly Plan[], operator: string): DataType[] {
  const first = inputs[0]!;
  return first.output.map((a, i) => {
    const t = findCommonType(inputs.map((p) => p.output[i]!.type));
    if (t !== null) return t;
    const k = inputs.findIndex((p, j) => j > 0 && findCommonType([a.type, p.output[i]!.type]) === null);
    const at = k < 0 ? inputs.length - 1 : k;
    throw userError("INCOMPATIBLE_COLUMN_TYPE",
      `${operator} can only be performed on tables with compatible column types. The ${ordinalNumber(i)} column of the ${ordinalNumber(at)} table is ${sqlType(inputs[at]!.output[i]!.type)} type which is not compatible with ${sqlType(a.type)} at the same column of the first table.`,
      { sqlState: "42825" });
  });
}

/** Spark's ordinalNumber: 0 is "first". */
function ordinalNumber(i: number): string {
  return ["first", "second", "third"][i] ?? `${i}th`;
}

export function offset(input: Plan, n: number): Plan {
  if (!Number.isInteger(n) || n < 0) {
    throw userError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
      `The offset like expression "${n}" is invalid. The offset expression must be equal to or greater than 0, but got ${n}.`, { sqlState: "42K0E" });
  }
  if (input.streaming) {
    throw userError("UNSUPPORTED_FEATURE.STREAMING_OFFSET", "Offset is not supported on streaming DataFrames/Datasets.", { sqlState: "0A000" });
  }
  return freeze({ kind: "offset", input, offset: n, output: input.output, streaming: input.streaming });
}
