// named_struct(name1, value1, name2, value2, …): a struct with the given (literal string) names.
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { dataTypeMismatch } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { StructField, StructType } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "named_struct",
  minArgs: 0,
  maxArgs: Infinity,
  bind(args, ctx) {
    if (args.length % 2 !== 0) {
      throw new SluiceError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        `The \`named_struct\` requires 2n (n > 0) parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
        { sqlState: "42605" });
    }
    const names: Bound[] = [], values: Bound[] = [];
    for (let i = 0; i < args.length; i += 2) {
      names.push(args[i]!);
      values.push(args[i + 1]!);
    }
    const bad = names.filter((n) => n.kind !== "lit" || typeof n.value !== "string");
    if (bad.length > 0) {
      const texts = names.map((n, i) => ({ n, sql: ctx.argSql[i * 2] ?? "" })).filter(({ n }) => bad.includes(n)).map(({ sql }) => `"${sql}"`);
      throw dataTypeMismatch("CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", ctx.sql,
        `Only foldable \`STRING\` expressions are allowed to appear at odd position, but they are [${texts.join(", ")}].`);
    }
    const fields = values.map((v, i) => new StructField((names[i] as { value: string }).value, v.type, v.nullable));
    return { type: new StructType(fields), nullable: false, nullSafe: true, args: values, impl: (...xs: unknown[]) => xs };
  },
};

export default fn;
