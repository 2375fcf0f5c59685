// schema_of_json(json[, options]): the DDL of the schema Spark infers for a foldable JSON text,
// e.g. STRUCT<c1: BIGINT, c2: ARRAY<BIGINT>>.
import { SluiceError } from "../../errors.ts";
import { dataTypeMismatch } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { ScalarFunction } from "../function_def.ts";
import { ArrayType, STRING, StructType } from "../../types/data_type.ts";
import { jsonOptions } from "./json_options.ts";
import { canonicalize, inferJsonType } from "./json_schema_infer.ts";
import { JsonSyntaxError, parseJson } from "./json_value.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "schema_of_json",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const a = args[0]!;
    if (!isFoldable(a)) {
      throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql, `the input \`json\` should be a foldable "STRING" expression; however, got "${ctx.argSql[0]}".`);
    }
    const text = foldValue(a);
    if (text === null) throw dataTypeMismatch("UNEXPECTED_NULL", ctx.sql, `The json must not be null.`);
    if (typeof text !== "string") {
      throw dataTypeMismatch("UNEXPECTED_INPUT_TYPE", ctx.sql, `The first parameter requires the "STRING" type, however "${ctx.argSql[0]}" has the type "${a.type.sql()}".`);
    }
    const opts = jsonOptions(args[1]);
    const o = { primitivesAsString: opts.get("primitivesasstring") === "true", prefersDecimal: opts.get("prefersdecimal") === "true" };
    let node;
    try {
      node = parseJson(text);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      throw new SluiceError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        `Malformed records are detected in record parsing: [null].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`, { sqlState: "22023" });
    }
    const t = node === null ? STRING : inferJsonType(node, o);
    let result;
    if (t.kind === "struct") result = canonicalize(t) ?? new StructType([]);
    else if (t.kind === "array" && t.elementType.kind === "struct") result = new ArrayType(canonicalize(t.elementType) ?? new StructType([]), t.containsNull);
    else result = canonicalize(t) ?? STRING;
    const ddl = typeSql(result);
    return { type: STRING, nullable: false, args: [], nullSafe: true, impl: () => ddl, printed: args.length > 1 ? (p) => `schema_of_json(${p[0]})` : undefined };
  },
};
export default fn;

/** DataType.sql with field names quoted when they need it (`a b`). */
function typeSql(t: import("../../types/data_type.ts").DataType): string {
  switch (t.kind) {
    case "struct": return `STRUCT<${t.fields.map((f) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name) ? f.name : "`" + f.name.replaceAll("`", "``") + "`"}: ${typeSql(f.dataType)}`).join(", ")}>`;
    case "array": return `ARRAY<${typeSql(t.elementType)}>`;
    case "map": return `MAP<${typeSql(t.keyType)}, ${typeSql(t.valueType)}>`;
    default: return t.sql();
  }
}
