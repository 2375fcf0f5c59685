// Subquery expressions: scalar `(SELECT …)`, `EXISTS (SELECT …)` and `x IN (SELECT …)`. Each is a
// bound function whose implementation runs the subquery plan through its SubqueryHolder (the
// `subqueries` node installs the runner for each batch). A correlated subquery reads the outer
// columns it references through `OuterReferences`: the function's arguments are those outer
// values, set before the subquery runs and read by the inner plan's outer-reference expressions.
import type { Bound } from "../expr/bound.ts";
import type { Origin } from "../expr/expr.ts";
import { commonType, implicitCast } from "../expr/coercion.ts";
import { compileExpression } from "../expr/codegen.ts";
import { equalityFor, hashKeyFor } from "../expr/value_ordering.ts";
import { SluiceError, userError } from "../errors.ts";
import { BOOLEAN, type DataType } from "../types/data_type.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan, SubqueryHolder } from "./plan.ts";
import type { ResolveContext } from "./resolve_expr.ts";

/** The outer columns a correlated subquery reads: bound over the outer input, evaluated per outer row. */
export class OuterReferences {
  readonly args: Bound[] = [];
  values: readonly unknown[] = [];

  /** An expression of the inner plan that reads outer value `b` (bound over the outer input). */
  reference(b: Bound): Bound {
    const k = this.args.length;
    this.args.push(b);
    return {
      kind: "fn", name: "outer", args: [], type: b.type, nullable: b.nullable, nullSafe: true, deterministic: false,
      impl: () => this.values[k] ?? null,
    };
  }
}

function run(holder: SubqueryHolder, refs: OuterReferences, outer: readonly unknown[]): readonly Row[] {
  if (!holder.evaluate) throw new SluiceError("INTERNAL_ERROR", "A subquery was evaluated outside its query.", { kind: "internal", sqlState: "XX000" });
  refs.values = outer;
  return holder.evaluate(outer);
}

export function scalarSubquery(plan: Plan, refs: OuterReferences, holders: SubqueryHolder[], origin?: Origin): Bound {
  if (plan.output.length !== 1) {
    throw userError("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
      `Invalid subquery: Scalar subquery must return only one column, but got ${plan.output.length}.`, { sqlState: "42823", position: origin });
  }
  const holder: SubqueryHolder = { plan, mode: "scalar" };
  holders.push(holder);
  return {
    kind: "fn", name: "scalarsubquery", args: [...refs.args], type: plan.output[0]!.type, nullable: true, nullSafe: true, deterministic: false,
    impl: (...outer: unknown[]) => {
      const rows = run(holder, refs, outer);
      if (rows.length > 1) {
        throw new SluiceError("SCALAR_SUBQUERY_TOO_MANY_ROWS", "More than one row returned by a subquery used as an expression.", { sqlState: "21000" });
      }
      return rows.length === 0 ? null : (rows[0]![0] ?? null);
    },
  };
}

export function existsSubquery(plan: Plan, refs: OuterReferences, holders: SubqueryHolder[]): Bound {
  const holder: SubqueryHolder = { plan, mode: "exists" };
  holders.push(holder);
  return {
    kind: "fn", name: "exists", args: [...refs.args], type: BOOLEAN, nullable: false, nullSafe: true, deterministic: false,
    impl: (...outer: unknown[]) => run(holder, refs, outer).length > 0,
  };
}

/**
 * `value IN (subquery)`. `nullAware`: SQL's three-valued result (null when nothing matches and a
 * null is involved), which Spark gives for IN / NOT IN conjuncts of WHERE and HAVING; elsewhere
 * Spark evaluates IN as an existence join, so it is true or false.
 */
export function inSubquery(
  value: Bound, plan: Plan, refs: OuterReferences, holders: SubqueryHolder[], ctx: ResolveContext, sql: string, nullAware: boolean, origin?: Origin,
  negatedNested = false, isRow = false, lhsColumns: readonly string[] = [],
): Bound {
  // Under a NOT outside a top-level WHERE/HAVING conjunct (a select item, an OR), Spark's
  // RewritePredicateSubquery makes `x NOT IN (q)` NOT of an existence join on
  // `x = y OR (x = y) IS NULL`: this call then answers that existence, never null.
  const existsNullAware = negatedNested && !nullAware;
  // spark.sql.legacy.nullInEmptyListBehavior: NULL IN (an empty result) is NULL, not false.
  const legacyEmpty = (ctx.conf?.("spark.sql.legacy.nullInEmptyListBehavior") ?? "false").toLowerCase() === "true";
  const empty = (v: unknown) => (legacyEmpty && v === null ? null : false);
  // `(a, b) IN (SELECT x, y …)` compares several values; any other left side is one value.
  const width = isRow ? (value.type as unknown as { fields: unknown[] }).fields.length : 1;
  if (width !== plan.output.length) {
    throw userError("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
      `Cannot resolve "${sql}" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: ${width}): [${lhsColumns.join(", ")}], right hand side columns(length: ${plan.output.length}): [${plan.output.map((a) => `"${a.name}"`).join(", ")}].`,
      { sqlState: "42K09", position: origin });
  }
  const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql, argSql: [] };
  const holder: SubqueryHolder = { plan, mode: "in" };
  holders.push(holder);
  if (width > 1) {
    // (a, b) IN (SELECT x, y …): row-wise equality, null when a field comparison is unknown.
    const fields = (value.type as unknown as { fields: { dataType: DataType }[] }).fields;
    const eqs = fields.map((f) => equalityFor(f.dataType));
    return {
      kind: "fn", name: "in_subquery", args: [value, ...refs.args], type: BOOLEAN, nullable: true, nullSafe: true, deterministic: false,
      impl: (v: unknown[] | null, ...outer: unknown[]) => {
        const rows = run(holder, refs, outer);
        if (rows.length === 0) return empty(v);
        if (existsNullAware) {
          return v === null || rows.some((r) => eqs.every((eq, i) => v[i] === null || r[i] === null || eq(v[i], r[i])));
        }
        if (v === null) return nullAware ? null : false;
        let unknown = false;
        for (const r of rows) {
          let all = true, nul = false;
          for (let i = 0; i < eqs.length; i++) {
            const a = v[i], b = r[i];
            if (a === null || b === null) nul = true;
            else if (!eqs[i]!(a, b)) {
              all = false;
              break;
            }
          }
          if (all && !nul) return true;
          if (all && nul) unknown = true;
        }
        return unknown && nullAware ? null : false;
      },
    };
  }
  const t = commonType([value.type, plan.output[0]!.type], bindCtx);
  const left = implicitCast(value, t, bindCtx);
  const inner = plan.output[0]!;
  const toCommon = implicitCast({ kind: "ref", ordinal: 0, type: inner.type, nullable: inner.nullable, name: inner.name }, t, bindCtx);
  const convert = toCommon.kind === "ref" ? (x: unknown) => x : compileOne(toCommon);
  const hashKey = hashKeyFor(t);
  const eq = equalityFor(t);
  const sets = new WeakMap<readonly Row[], { keys?: Set<unknown>; values: unknown[]; hasNull: boolean }>();
  const setOf = (rows: readonly Row[]) => {
    let s = sets.get(rows);
    if (!s) {
      const values = rows.map((r) => convert(r[0] ?? null));
      const hasNull = values.some((x) => x === null);
      const nonNull = values.filter((x) => x !== null);
      s = { values: nonNull, hasNull, keys: hashKey ? new Set(nonNull.map(hashKey)) : undefined };
      sets.set(rows, s);
    }
    return s;
  };
  return {
    kind: "fn", name: "in_subquery", args: [left, ...refs.args], type: BOOLEAN, nullable: true, nullSafe: true, deterministic: false,
    impl: (v: unknown, ...outer: unknown[]) => {
      const rows = run(holder, refs, outer);
      if (rows.length === 0) return empty(v);
      if (existsNullAware && v === null) return true;
      if (v === null) return nullAware ? null : false;
      const s = setOf(rows);
      const hit = s.keys ? s.keys.has(hashKey!(v)) : s.values.some((x) => eq(v, x));
      if (hit) return true;
      if (existsNullAware) return s.hasNull;
      return s.hasNull && nullAware ? null : false;
    },
  };
}

function compileOne(b: Bound): (x: unknown) => unknown {
  const fn = compileExpression(b);
  return (x) => (x === null ? null : fn([x]));
}
