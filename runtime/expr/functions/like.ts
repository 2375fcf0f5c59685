// str LIKE pattern [ESCAPE c]: `_` matches one character, `%` any run (newlines included), the
// escape character (default backslash) makes `_`, `%` or itself literal. Spark's
// INVALID_FORMAT errors for a dangling or misplaced escape.
import { SluiceError } from "../../errors.ts";
import type { Bound, BindContext } from "../bound.ts";
import { castArgs, constantValue } from "../coercion.ts";
import { sqlValue } from "../expr_errors.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { BOOLEAN, STRING } from "../../types/data_type.ts";

const REGEX_SYNTAX = new Set([..."^$\\.*+?()[]{}|/-"]);

function invalidFormat(sub: string, pattern: string, detail: string): SluiceError {
  return new SluiceError(`INVALID_FORMAT.${sub}`, `The format is invalid: ${sqlValue(pattern, STRING)}. ${detail}`, { sqlState: "42601" });
}

/** A matcher for one LIKE pattern (Spark's StringUtils.escapeLikeRegex, matched in full). */
export function likeMatcher(pattern: string, escape = "\\", caseInsensitive = false): (s: string) => boolean {
  const chars = [...pattern];
  let re = "";
  let literal = "";
  let wildcards = 0;
  let simple = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === escape) {
      if (i + 1 >= chars.length) throw invalidFormat("ESC_AT_THE_END", pattern, "The escape character is not allowed to end with.");
      const next = chars[++i]!;
      if (next !== "_" && next !== "%" && next !== escape) {
        throw invalidFormat("ESC_IN_THE_MIDDLE", pattern, `The escape character is not allowed to precede ${sqlValue(next, STRING)}.`);
      }
      re += REGEX_SYNTAX.has(next) ? "\\" + next : next;
      literal += next;
    } else if (c === "_") {
      re += ".";
      simple = false;
    } else if (c === "%") {
      re += "[\\s\\S]*";
      wildcards++;
      if (i !== 0 && i !== chars.length - 1) simple = false;
    } else {
      re += REGEX_SYNTAX.has(c) ? "\\" + c : c;
      literal += c;
    }
  }
  if (!caseInsensitive && simple) {
    const starts = chars[0] === "%", ends = chars.length > 1 && chars[chars.length - 1] === "%" && chars[chars.length - 2] !== escape;
    if (wildcards === 0) return (s) => s === literal;
    if (wildcards === 1 && ends && !starts) return (s) => s.startsWith(literal);
    if (wildcards === 1 && starts && !ends) return (s) => s.endsWith(literal);
    if (wildcards === 2 && starts && ends) return (s) => s.includes(literal);
  }
  const rx = new RegExp(`^(?:${re})$`, caseInsensitive ? "su" : "su");
  return (s) => rx.test(s);
}

/** Binds LIKE / ILIKE: (str, pattern[, escape literal]). ILIKE lower-cases both sides first. */
export function bindLike(args: readonly Bound[], ctx: BindContext, ilike: boolean): BoundCall {
  const [s, p] = castArgs(args.slice(0, 2), [STRING, STRING], ctx) as [Bound, Bound];
  let escape = "\\";
  if (args.length > 2) {
    const e = args[2]!;
    if (e.kind !== "lit" || typeof e.value !== "string" || [...e.value].length !== 1) {
      throw new SluiceError("INVALID_ESCAPE_CHAR",
        `\`EscapeChar\` should be a string literal of length one, but got ${e.kind === "lit" ? sqlValue(e.value, STRING) : ctx.argSql[2] ?? "?"}.`,
        { sqlState: "42604" });
    }
    escape = e.value;
  }
  const fold = ilike ? (x: string) => x.toLowerCase() : (x: string) => x;
  const nullable = s.nullable || p.nullable;
  const constant = constantValue(p);
  if (constant !== undefined) {
    if (constant.value === null) return { type: BOOLEAN, nullable: true, args: [s, p], impl: () => null };
    const m = likeMatcher(fold(constant.value as string), escape);
    return { type: BOOLEAN, nullable, args: [s], impl: (x: string) => m(fold(x)) };
  }
  let lastPattern: string | null = null;
  let last: (x: string) => boolean = () => false;
  return {
    type: BOOLEAN, nullable, args: [s, p],
    impl: (x: string, pat: string) => {
      if (pat !== lastPattern) {
        last = likeMatcher(fold(pat), escape);
        lastPattern = pat;
      }
      return last(fold(x));
    },
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "like",
  minArgs: 2,
  maxArgs: 3,
  bind: (args, ctx) => bindLike(args, ctx, false),
};

export default fn;
