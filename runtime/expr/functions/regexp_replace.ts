// regexp_replace(str, regex, rep[, pos]): replaces every match of a Java regex from 1-based
// position `pos` on; `rep` uses Java's $n / ${name} / backslash syntax.
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { castArgs, constantValue } from "../coercion.ts";
import { dataTypeMismatch } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { groupCount, groupNames, javaReplaceAll, javaToUtf8Text, parseJavaReplacement } from "../java_regex.ts";
import { INT, STRING } from "../../types/data_type.ts";
import { patternCache } from "./rlike.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "regexp_replace",
  minArgs: 3,
  maxArgs: 4,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, STRING, INT], ctx) as Bound[];
    const pos = typed[3] ? constantValue(typed[3])?.value : undefined;
    if (typeof pos === "number" && pos <= 0) {
      throw dataTypeMismatch("VALUE_OUT_OF_RANGE", ctx.sql,
        `The \`position\` must be between (0, 2147483647] (current value = ${pos}).`);
    }
    const get = patternCache("regexp_replace", true);
    let lastRep: string | null = null, lastRe: RegExp | null = null;
    let parts: ReturnType<typeof parseJavaReplacement> = [];
    return {
      type: STRING, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (s: string, pattern: string, rep: string, position = 1) => {
        const re = get(pattern);
        if (rep !== lastRep || re !== lastRe) {
          try {
            parts = parseJavaReplacement(rep, groupCount(re), groupNames(re));
          } catch {
            throw new SluiceError("INVALID_REGEXP_REPLACE",
              `Could not perform regexp_replace for source = "${s}", pattern = "${pattern}", replacement = "${rep}" and position = ${position}.`,
              { sqlState: "22023" });
          }
          lastRep = rep;
          lastRe = re;
        }
        const start = position - 1;
        if (start > s.length) return s;
        return javaToUtf8Text(s.slice(0, start) + javaReplaceAll(s.slice(start), re, parts));
      },
    };
  },
};

export default fn;
