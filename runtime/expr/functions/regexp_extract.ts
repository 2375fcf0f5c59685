// regexp_extract(str, regex[, idx]): group `idx` (default 1) of the first match of a Java regex;
// '' when nothing matches or the group did not take part. A group index beyond the pattern's
// groups raises INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX (when a match is found).
import type { Bound } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import { invalidParameterValue } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { groupCount } from "../java_regex.ts";
import { INT, STRING } from "../../types/data_type.ts";
import { patternCache } from "./rlike.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "regexp_extract",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, INT], ctx) as Bound[];
    const get = patternCache("regexp_extract");
    const counts = new WeakMap<RegExp, number>();
    return {
      type: STRING, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (s: string, pattern: string, idx = 1) => {
        const re = get(pattern);
        const m = re.exec(s);
        if (m === null) return "";
        let groups = counts.get(re);
        if (groups === undefined) {
          groups = groupCount(re);
          counts.set(re, groups);
        }
        if (idx < 0 || idx > groups) {
          throw invalidParameterValue("REGEX_GROUP_INDEX", "idx", "regexp_extract",
            `Expects group index between 0 and ${groups}, but got ${idx}.`);
        }
        return m[idx] ?? "";
      },
    };
  },
};

export default fn;
