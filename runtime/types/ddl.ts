// Data types written as text: "int", "decimal(10,2)", "array<string>", "struct<a:int,b string>"
// (Spark's parseDataType) and table schemas "a STRING, b DOUBLE NOT NULL COMMENT 'x'"
// (Spark's parseTableSchema). The grammar lives in sql/parser.ts, shared with CAST(x AS type).
// data_type.ts imports this module, so nothing here may touch its classes at load time.
import { SluiceError } from "../errors.ts";
import { Parser } from "../sql/parser.ts";
import type { DataType, StructType } from "./data_type.ts";

/** A single data type, e.g. "bigint" or "map<string,array<int>>"; throws SluiceError (PARSE_SYNTAX_ERROR, UNSUPPORTED_DATATYPE …). */
export function parseDataType(text: string): DataType {
  const p = new Parser(text);
  const t = p.parseDataType();
  p.finish();
  return t;
}

/**
 * A table schema: "a STRING, b DOUBLE NOT NULL, c ARRAY<INT> COMMENT 'x'". Like PySpark's
 * schema strings it also accepts a struct type ("struct<a:int>") and "a: int, b: string"; when
 * all fail, the error of reading it as a column list is thrown.
 */
export function parseSchemaDDL(text: string): StructType {
  const p = new Parser(text);
  try {
    return p.parseColTypeList();
  } catch (e) {
    if (!(e instanceof SluiceError)) throw e;
    // As PySpark's _parse_datatype_string: then a struct type, then "a: int, b: string" as struct<…>.
    for (const candidate of [text, `struct<${text.trim()}>`]) {
      try {
        const t = parseDataType(candidate);
        if (t.kind === "struct") return t;
      } catch {
        // keep the error of the column-list reading
      }
    }
    throw e;
  }
}

/** Spark's DataType.fromDDL: a data type, or failing that a table schema. */
export function parseDDL(text: string): DataType {
  try {
    return parseDataType(text);
  } catch (e) {
    if (!(e instanceof SluiceError)) throw e;
    try {
      return parseSchemaDDL(text);
    } catch {
      throw e;
    }
  }
}
