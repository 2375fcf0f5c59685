// value IN (e1, e2, …): all sides are coerced to their common type; true when some element equals
// the value, NULL when none does but the value or an element is NULL, else false.
import { castBound, constantValue, dataDiffTypes, findCommonType, sameTypeIgnoringNullability } from "../coercion.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { equalityFor, hashKeyFor, isOrderable } from "../value_ordering.ts";
import { BOOLEAN } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "in",
  minArgs: 1,
  maxArgs: Infinity,
  bind(args, ctx) {
    let all = [...args];
    const value = all[0]!;
    if (all.slice(1).some((a) => !sameTypeIgnoringNullability(a.type, value.type))) {
      const common = findCommonType(all.map((a) => a.type));
      if (common === null) throw dataDiffTypes(ctx.sql, "in", all.map((a) => a.type));
      all = all.map((a) => castBound(a, common, ctx));
    }
    const t = all[0]!.type;
    if (!isOrderable(t)) {
      throw dataTypeMismatch("INVALID_ORDERING_TYPE", ctx.sql, `The \`in\` does not support ordering on type ${sqlType(t)}.`);
    }
    const list = all.slice(1);
    const nullable = all.some((a) => a.nullable);
    const key = hashKeyFor(t);
    const constants = list.map(constantValue);
    if (key !== null && constants.every((c) => c !== undefined)) {
      const set = new Set<unknown>();
      let hasNull = false;
      for (const c of constants) {
        const v = c!.value;
        if (v === null) hasNull = true;
        else set.add(key(v));
      }
      return {
        type: BOOLEAN, nullable, args: [all[0]!],
        impl: hasNull ? (v: unknown) => (set.has(key(v)) ? true : null) : (v: unknown) => set.has(key(v)),
      };
    }
    const eq = equalityFor(t);
    return {
      type: BOOLEAN, nullable, nullSafe: true, args: all,
      impl: (v: unknown, ...xs: unknown[]) => {
        if (v === null) return null;
        let sawNull = false;
        for (const x of xs) {
          if (x === null) sawNull = true;
          else if (eq(v, x)) return true;
        }
        return sawNull ? null : false;
      },
    };
  },
};

export default fn;
