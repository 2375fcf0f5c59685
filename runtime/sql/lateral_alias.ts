// Lateral column aliases (spark.sql.lateralColumnAlias.enableImplicitResolution, on by default):
// in `SELECT a + 1 AS x, x * 2`, a name that is not a column of the FROM clause may be an alias
// defined earlier in the same select list. Spark resolves FROM columns first, then lateral
// aliases, then outer references; a name two earlier aliases share is AMBIGUOUS_LATERAL_COLUMN_ALIAS.
// Sluice substitutes the alias's expression (the column keeps its written name); an alias whose
// expression is not deterministic is left alone, since substituting would evaluate it twice.
import { userError } from "../errors.ts";
import type { Expr } from "../expr/expr.ts";
import { anyNode, mapChildren } from "../expr/transform.ts";
import type { Attribute } from "../plan/attribute.ts";

/** Functions whose value changes per evaluation: an alias or CTE using one is computed once. */
export const NONDETERMINISTIC_FUNCTIONS: ReadonlySet<string> = new Set([
  "rand", "randn", "random", "uuid", "shuffle", "monotonically_increasing_id", "spark_partition_id", "randstr", "uniform",
  "current_timestamp", "now", "current_date", "current_time", "localtimestamp", "input_file_name",
]);

export function resolveLateralAliases(items: readonly Expr[], input: readonly Attribute[], enabled: boolean): Expr[] {
  if (!enabled) return [...items];
  const inputNames = new Set<string>();
  for (const a of input) {
    inputNames.add(a.name.toLowerCase());
    if (a.qualifier) inputNames.add(a.qualifier.toLowerCase());
  }
  const defined: { name: string; expr: Expr }[] = [];
  const out: Expr[] = [];
  for (const item of items) {
    const rewritten = substitute(item, inputNames, defined, new Set());
    out.push(rewritten);
    if (rewritten.kind === "alias" && rewritten.names.length === 1) defined.push({ name: rewritten.names[0]!.toLowerCase(), expr: rewritten.arg });
  }
  return out;
}

function substitute(e: Expr, inputNames: ReadonlySet<string>, defined: readonly { name: string; expr: Expr }[], lambdaVars: ReadonlySet<string>): Expr {
  if (e.kind === "subquery") return e;
  if (e.kind === "lambda") {
    const vars = new Set([...lambdaVars, ...e.params.map((p) => p.toLowerCase())]);
    const body = substitute(e.body, inputNames, defined, vars);
    return body === e.body ? e : Object.freeze({ ...e, body });
  }
  if (e.kind === "column" && e.ordinal === undefined) {
    const head = e.parts[0]!.toLowerCase();
    if (inputNames.has(head) || lambdaVars.has(head)) return e;
    const hits = defined.filter((d) => d.name === head);
    if (hits.length === 0) return e;
    if (hits.length > 1) {
      throw userError("AMBIGUOUS_LATERAL_COLUMN_ALIAS",
        `Lateral column alias \`${e.parts[0]}\` is ambiguous and has ${hits.length} matches.`, { sqlState: "42702", position: e.origin });
    }
    const target = hits[0]!.expr;
    if (anyNode(target, (n) => n.kind === "call" && NONDETERMINISTIC_FUNCTIONS.has(n.name.toLowerCase()))) return e;
    let result: Expr = target;
    for (const field of e.parts.slice(1)) result = Object.freeze({ kind: "getField", arg: result, name: field, origin: e.origin });
    return result;
  }
  return mapChildren(e, (c) => substitute(c, inputNames, defined, lambdaVars));
}
