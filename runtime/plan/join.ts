// JOIN: resolves the condition over [left…, right…], splits it into equi-join keys (hash join)
// and a residual predicate, and gives the output Spark gives: left ++ right with the outer side(s)
// nullable, or only the left columns for semi and anti joins. USING / NATURAL joins add Spark's
// projection on top: the join columns once (coalesced for a full join), then the rest.
import type { Bound } from "../expr/bound.ts";
import { refsOf } from "../expr/bound_refs.ts";
import type { Expr, Origin } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { quoteIdent, userError } from "../errors.ts";
import type { Attribute } from "./attribute.ts";
import type { JoinType, Plan } from "./plan.ts";
import { project } from "./build.ts";
import { canonicalName, ExprResolver, type ResolveContext } from "./resolve_expr.ts";

const freeze = <T>(x: T): T => Object.freeze(x);

/** The join types DataFrame.join accepts, by PySpark's names. */
const HOW: Record<string, JoinType> = {
  inner: "inner", cross: "cross", outer: "full", full: "full", fullouter: "full", full_outer: "full",
  left: "left", leftouter: "left", left_outer: "left", right: "right", rightouter: "right", right_outer: "right",
  semi: "semi", leftsemi: "semi", left_semi: "semi", anti: "anti", leftanti: "anti", left_anti: "anti",
};

export function joinTypeOf(how: string): JoinType {
  const t = HOW[how.toLowerCase()];
  if (!t) {
    throw userError("UNSUPPORTED_JOIN_TYPE",
      `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`,
      { sqlState: "0A000" });
  }
  return t;
}

/** Spark's names of join types, as its messages print them. */
export const JOIN_TYPE_NAMES: Record<JoinType, string> = {
  inner: "Inner", cross: "Cross", left: "LeftOuter", right: "RightOuter", full: "FullOuter", semi: "LeftSemi", anti: "LeftAnti",
};

function outputOf(left: Plan, right: Plan, type: JoinType): Attribute[] {
  const nullable = (a: Attribute): Attribute => (a.nullable ? a : { ...a, nullable: true });
  switch (type) {
    case "semi":
    case "anti":
      return [...left.output];
    case "left":
      return [...left.output, ...right.output.map(nullable)];
    case "right":
      return [...left.output.map(nullable), ...right.output];
    case "full":
      return [...left.output.map(nullable), ...right.output.map(nullable)];
    default:
      return [...left.output, ...right.output];
  }
}

/** A join on a condition (or none: a cartesian product). */
export function join(left: Plan, right: Plan, type: JoinType, condition: Expr | undefined, ctx: ResolveContext): Plan {
  const both = [...left.output, ...right.output];
  let bound: Bound | undefined;
  if (condition) {
    bound = new ExprResolver(both, ctx).resolve(condition);
    if (bound.type.kind !== "boolean" && bound.type.kind !== "null") {
      const sql = toPrettySQL(condition, canonicalName);
      throw userError("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
        `Cannot resolve "${sql}" due to data type mismatch: Filter expression "${sql}" of type "${bound.type.sql()}" is not a boolean.`,
        { sqlState: "42K09", position: condition.origin });
    }
  }
  const split = splitCondition(bound, left.output.length);
  return freeze({
    kind: "join", left, right, joinType: type, leftKeys: split.leftKeys, rightKeys: split.rightKeys, nullSafe: split.nullSafe,
    residual: split.residual, source: condition, output: outputOf(left, right, type), streaming: left.streaming || right.streaming,
  });
}

/** JOIN … USING (names): equality on the named columns, then Spark's projection (the columns once, first). */
export function joinUsing(
  left: Plan, right: Plan, type: JoinType, names: readonly { name: string; origin?: Origin }[], ctx: ResolveContext,
): Plan {
  const eq = (a: string, b: string) => (ctx.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
  const find = (p: Plan, n: { name: string; origin?: Origin }, side: "left" | "right") => {
    const hits = p.output.map((a, i) => ({ a, i })).filter(({ a }) => eq(a.name, n.name));
    if (hits.length === 0) {
      throw userError("UNRESOLVED_USING_COLUMN_FOR_JOIN",
        `USING column ${quoteIdent(n.name)} cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${p.output.map((a) => quoteIdent(a.name)).join(", ")}].`,
        { sqlState: "42703", position: n.origin });
    }
    if (hits.length > 1) {
      throw userError("AMBIGUOUS_COLUMN_OR_FIELD", `Column or field ${quoteIdent(n.name)} is ambiguous and has ${hits.length} matches.`, { sqlState: "42702", position: n.origin });
    }
    return hits[0]!.i;
  };
  const lk = names.map((n) => find(left, n, "left"));
  const rk = names.map((n) => find(right, n, "right"));
  const lw = left.output.length;
  const ref = (i: number, a: Attribute): Bound => ({ kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name });
  // The key pairs go through the resolver so that their types are coerced as for `l.k = r.k`.
  const resolver = new ExprResolver([...left.output, ...right.output], ctx);
  const conds = lk.map((l, k) => resolver.applyFunction("equal", [ref(l, left.output[l]!), ref(lw + rk[k]!, right.output[rk[k]!]!)],
    { kind: "column", parts: [names[k]!.name] }, [{ kind: "column", parts: [names[k]!.name] }, { kind: "column", parts: [names[k]!.name] }]));
  const cond = conds.reduce<Bound | undefined>((acc, c) => (acc ? { kind: "and", left: acc, right: c, type: c.type, nullable: acc.nullable || c.nullable } : c), undefined);
  const split = splitCondition(cond, lw);
  const j: Plan = freeze({
    kind: "join", left, right, joinType: type, leftKeys: split.leftKeys, rightKeys: split.rightKeys, nullSafe: split.nullSafe,
    residual: split.residual, output: outputOf(left, right, type), streaming: left.streaming || right.streaming,
  });
  if (type === "semi" || type === "anti") return j;
  // SELECT the key columns (left's, right's for a right join, coalesced for a full join), then the others.
  const hidden = (p: Plan, i: number, offset: number) => ({ kind: "column", parts: [`#j${offset + i}`] }) as Expr;
  const keyExprs: Expr[] = lk.map((l, k) => {
    const name = left.output[l]!.name;
    const e = type === "right" ? hidden(right, rk[k]!, lw)
      : type === "full" ? ({ kind: "call", name: "coalesce", args: [hidden(left, l, 0), hidden(right, rk[k]!, lw)] } as Expr)
      : hidden(left, l, 0);
    return { kind: "alias", arg: e, names: [name] } as Expr;
  });
  const rest: Expr[] = [
    ...left.output.map((a, i) => ({ a, i })).filter(({ i }) => !lk.includes(i)).map(({ a, i }) => ({ kind: "alias", arg: hidden(left, i, 0), names: [a.name] }) as Expr),
    ...right.output.map((a, i) => ({ a, i })).filter(({ i }) => !rk.includes(i)).map(({ a, i }) => ({ kind: "alias", arg: hidden(right, i, lw), names: [a.name] }) as Expr),
  ];
  // Resolve the projection over positional names, then put the qualifiers back on the output.
  const positional: Plan = freeze({ ...j, output: j.output.map((a, i) => ({ ...a, name: `#j${i}`, qualifier: undefined })) });
  const p = project(positional, [...keyExprs, ...rest], { ...ctx, caseSensitive: true });
  if (p.kind !== "project") return p;
  const qualifiers = [
    ...lk.map((l, k) => (type === "right" ? right.output[rk[k]!]!.qualifier : left.output[l]!.qualifier)),
    ...left.output.filter((_, i) => !lk.includes(i)).map((a) => a.qualifier),
    ...right.output.filter((_, i) => !rk.includes(i)).map((a) => a.qualifier),
  ];
  const output = p.output.map((a, i) => ({ ...a, qualifier: qualifiers[i], watermarkDelayMs: undefined }));
  // EXPLAIN shows the columns by their names, not the positional ones used to resolve them.
  const sources = output.map((a) => ({ kind: "column", parts: [a.name] }) as Expr);
  return freeze({ ...p, input: j, output, sources });
}

/** NATURAL JOIN: USING every column name the two sides share, in the left side's order. */
export function naturalJoin(left: Plan, right: Plan, type: JoinType, ctx: ResolveContext): Plan {
  const eq = (a: string, b: string) => (ctx.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
  const common = left.output.filter((a) => right.output.some((b) => eq(a.name, b.name))).map((a) => ({ name: a.name }));
  if (common.length === 0) return join(left, right, type === "cross" ? "cross" : type, undefined, ctx);
  return joinUsing(left, right, type, common, ctx);
}

interface Split {
  leftKeys: Bound[];
  rightKeys: Bound[];
  nullSafe: boolean[];
  residual?: Bound;
}

/** Splits a join condition into equi-join key pairs (left side, right side) and the remaining conjuncts. */
function splitCondition(cond: Bound | undefined, leftWidth: number): Split {
  const out: Split = { leftKeys: [], rightKeys: [], nullSafe: [] };
  if (!cond) return out;
  const conjuncts: Bound[] = [];
  const flatten = (b: Bound): void => {
    if (b.kind === "and") {
      flatten(b.left);
      flatten(b.right);
    } else conjuncts.push(b);
  };
  flatten(cond);
  const rest: Bound[] = [];
  for (const c of conjuncts) {
    if (c.kind === "fn" && (c.name === "equal" || c.name === "equal_null_safe") && c.args.length === 2) {
      const side = (b: Bound) => {
        const refs = refsOf(b);
        if (refs.size === 0 || !deterministic(b)) return "none";
        if ([...refs].every((r) => r < leftWidth)) return "left";
        if ([...refs].every((r) => r >= leftWidth)) return "right";
        return "both";
      };
      const a = side(c.args[0]!), b = side(c.args[1]!);
      if ((a === "left" && b === "right") || (a === "right" && b === "left")) {
        const [l, r] = a === "left" ? [c.args[0]!, c.args[1]!] : [c.args[1]!, c.args[0]!];
        out.leftKeys.push(l);
        out.rightKeys.push(r);
        out.nullSafe.push(c.name === "equal_null_safe");
        continue;
      }
    }
    rest.push(c);
  }
  if (rest.length > 0) {
    out.residual = rest.reduce((acc, c) => ({ kind: "and", left: acc, right: c, type: c.type, nullable: acc.nullable || c.nullable }));
  }
  return out;
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
