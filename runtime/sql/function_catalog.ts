// DESCRIBE FUNCTION and SHOW FUNCTIONS: the names Sluice's SQL can call, described with Spark
// 4.1's own texts (runtime/sql/function_docs.json, written by scripts/goldens/functions.py from
// PySpark's DESCRIBE FUNCTION EXTENDED). A Spark function Sluice does not have is not listed, and
// describing it is UNRESOLVED_ROUTINE, as for a name Spark does not know.
import docsFile from "./function_docs.json" with { type: "json" };
import type { Origin } from "../expr/expr.ts";
import { SluiceError } from "../errors.ts";
import { lookupAggregate } from "../expr/aggregates/mod.ts";
import { ExprResolver, GENERATORS, unresolvedRoutine } from "../plan/resolve_expr.ts";

interface FunctionDoc {
  readonly class?: string;
  readonly usage?: string;
  readonly extended?: string;
}

const DOCS = (docsFile as { functions: Record<string, FunctionDoc> }).functions;

/** Operators and SQL syntax Spark also lists as functions; Sluice's SQL has all of them. */
const SYNTAX_NAMES = new Set(["and", "or", "not", "between", "case", "in", "like", "ilike", "rlike", "regexp", "when", "cast"]);

/**
 * Names other parts of the analyzer handle: window-only functions, grouping()/grouping_id() of
 * grouping sets, window()/session_window() in GROUP BY, and range() in FROM.
 */
const PLANNER_NAMES = new Set([
  "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lead", "lag", "nth_value",
  "grouping", "grouping_id", "window", "session_window", "range",
]);

const callable = new Map<string, boolean>();

/**
 * Whether Sluice's SQL accepts `name`: a call of it resolves to anything but UNRESOLVED_ROUTINE
 * (wrong arguments are fine), an aggregate, generator or PLANNER_NAMES, or an operator Spark
 * lists as a function.
 */
export function isSluiceFunction(name: string): boolean {
  const n = name.toLowerCase();
  if (DOCS[n] !== undefined && (SYNTAX_NAMES.has(n) || !/^[a-z_]/.test(n))) return true;
  if (lookupAggregate(n) || PLANNER_NAMES.has(n) || GENERATORS.has(n)) return true;
  let known = callable.get(n);
  if (known === undefined) {
    try {
      new ExprResolver([], { timeZone: "UTC", ansi: true, caseSensitive: false }).resolve({ kind: "call", name: n, args: [] });
      known = true;
    } catch (e) {
      known = !(e instanceof SluiceError && e.code === "UNRESOLVED_ROUTINE");
    }
    callable.set(n, known);
  }
  return known;
}

/** SHOW FUNCTIONS: Spark's built-in names that Sluice has, sorted; `pattern` as Spark's StringUtils.filterPattern. */
export function showFunctions(pattern?: string): string[] {
  const names = Object.keys(DOCS).filter(isSluiceFunction).sort();
  if (pattern === undefined) return names;
  const regexes = pattern.trim().split("|").map((p) => {
    try {
      return new RegExp(`^(?:${p.trim().replaceAll("*", ".*")})$`, "i");
    } catch {
      return null;
    }
  }).filter((r): r is RegExp => r !== null);
  return names.filter((n) => regexes.some((r) => r.test(n)));
}

/** DESCRIBE FUNCTION [EXTENDED] name: Spark's DescribeFunctionCommand rows. */
export function describeFunction(name: string, extended: boolean, origin?: Origin): string[] {
  const n = name.toLowerCase();
  const doc = DOCS[n];
  if (doc === undefined || !isSluiceFunction(n)) throw unresolvedRoutine(name, origin);
  const rows = doc.class !== undefined
    ? [`Function: ${n}`, `Class: ${doc.class}`, `Usage: ${doc.usage ?? "N/A."}`]
    : [`Function: ${n}`, `Usage: ${doc.usage ?? "N/A."}`];
  if (extended) rows.push(`Extended Usage:${doc.extended ?? ""}`);
  return rows;
}
