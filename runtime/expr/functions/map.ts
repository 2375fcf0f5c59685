// map(k1, v1, k2, v2, …): keys and values each cast to their common type; a NULL key is
// NULL_MAP_KEY, a repeated key DUPLICATED_MAP_KEY (Spark's default mapKeyDedupPolicy).
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { castToString } from "../cast.ts";
import { castBound, commonType } from "../coercion.ts";
import { dataTypeMismatch, typeSql } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { equalityFor } from "../value_ordering.ts";
import { MapType } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "map",
  minArgs: 0,
  maxArgs: Infinity,
  bind(args, ctx) {
    if (args.length % 2 !== 0) {
      throw new SluiceError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        `The \`map\` requires 2n (n > 0) parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
        { sqlState: "42605" });
    }
    const keys: Bound[] = [], values: Bound[] = [];
    for (let i = 0; i < args.length; i += 2) {
      keys.push(args[i]!);
      values.push(args[i + 1]!);
    }
    const kt = commonType(keys.map((k) => k.type), ctx, "map");
    const vt = commonType(values.map((v) => v.type), ctx, "map");
    if (kt.kind === "map") {
      throw dataTypeMismatch("INVALID_MAP_KEY_TYPE", ctx.sql, `The key of map cannot be/contain "${typeSql(kt)}".`);
    }
    const cast: Bound[] = [];
    for (let i = 0; i < keys.length; i++) cast.push(castBound(keys[i]!, kt, ctx), castBound(values[i]!, vt, ctx));
    const simpleKeys = kt.kind !== "array" && kt.kind !== "struct" && kt.kind !== "binary";
    const eq = equalityFor(kt);
    const keyText = castToString(kt, ctx.timeZone);
    return {
      type: new MapType(kt, vt, values.some((v) => v.nullable)), nullable: false, nullSafe: true, args: cast,
      impl: (...kv: unknown[]) => {
        const m = new Map<unknown, unknown>();
        for (let i = 0; i < kv.length; i += 2) {
          const k = kv[i];
          if (k === null) throw new SluiceError("NULL_MAP_KEY", "Cannot use null as map key.", { sqlState: "2200E" });
          const dup = simpleKeys ? m.has(k) : [...m.keys()].some((x) => eq(x, k));
          if (dup) {
            throw new SluiceError("DUPLICATED_MAP_KEY",
              `Duplicate map key ${keyText(k)} was found, please check the input data.\nIf you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence.`,
              { sqlState: "23505" });
          }
          m.set(k, kv[i + 1]);
        }
        return m;
      },
    };
  },
};

export default fn;
