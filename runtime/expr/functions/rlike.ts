// str RLIKE regex (regexp, regexp_like): true when a Java regular expression matches somewhere in
// the string. Invalid patterns raise INVALID_PARAMETER_VALUE.PATTERN.
import type { Bound, BindContext } from "../bound.ts";
import { castArgs, constantValue } from "../coercion.ts";
import { invalidParameterValue, sqlValue } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { compileJavaRegex } from "../java_regex.ts";
import { BOOLEAN, STRING } from "../../types/data_type.ts";

/** Compiles a Java pattern for `functionName`, with Spark's error for an invalid one. */
export function compilePattern(pattern: string, functionName: string, global = false): RegExp {
  try {
    return compileJavaRegex(pattern, global);
  } catch {
    throw invalidParameterValue("PATTERN", "regexp", functionName, `${sqlValue(pattern, STRING)}.`);
  }
}

/** A per-row pattern compiler that keeps the last pattern (Spark caches the last one too). */
export function patternCache(functionName: string, global = false): (pattern: string) => RegExp {
  let lastText: string | null = null;
  let last: RegExp | null = null;
  return (p) => {
    if (p !== lastText) {
      last = compilePattern(p, functionName, global);
      lastText = p;
    }
    return last!;
  };
}

export function bindRegexPredicate(args: readonly Bound[], ctx: BindContext, name: string) {
  const [s, p] = castArgs(args, [STRING, STRING], ctx) as [Bound, Bound];
  const nullable = s.nullable || p.nullable;
  const constant = constantValue(p);
  if (constant !== undefined) {
    if (constant.value === null) return { type: BOOLEAN, nullable: true, args: [s, p], impl: () => null };
    const re = compilePattern(constant.value as string, name);
    return { type: BOOLEAN, nullable, args: [s], impl: (x: string) => re.test(x) };
  }
  const get = patternCache(name);
  return { type: BOOLEAN, nullable, args: [s, p], impl: (x: string, pat: string) => get(pat).test(x) };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "rlike",
  aliases: ["regexp", "regexp_like"],
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindRegexPredicate(args, ctx, "rlike"),
};

export default fn;
