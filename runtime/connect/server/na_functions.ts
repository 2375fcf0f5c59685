// PySpark's df.na.fill / fillna and df.na.drop / dropna (NAFill, NADrop relations), as Spark's
// DataFrameNaFunctions builds them: fill is coalesce(col, value cast to the column's type), with
// NaN counted as missing in float and double columns; drop keeps the rows with at least N values
// that are neither null nor NaN (AtLeastNNonNulls).
import { userError } from "../../errors.ts";
import { callOf, Column, type ColumnOrValue, lit } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { DataType } from "../../types/data_type.ts";

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);

const quoted = (name: string) => "`" + name.replaceAll("`", "``") + "`";

function fillCol(df: DataFrame, name: string, type: DataType, value: unknown): Column {
  const c = df.col(quoted(name));
  const present = type.kind === "double" || type.kind === "float" ? callOf("nanvl", c, lit(null)) : c;
  return callOf("coalesce", present, lit(value as ColumnOrValue).cast(type)).alias(name);
}

/** The fields `cols` name (all when empty), resolved as the DataFrame resolves them. */
function fieldsNamed(df: DataFrame, cols: readonly string[]): Set<string> {
  if (cols.length === 0) return new Set(df.schema.fields.map((f) => f.name));
  return new Set(cols.map((c) => {
    const f = df.select(df.col(c)).schema.fields[0]!;
    return f.name;
  }));
}

/** df.na.fill(value[, cols]) with one value; df.na.fill({col: value}) with one value per column. */
export function naFill(df: DataFrame, cols: readonly string[], values: readonly unknown[]): DataFrame {
  if (values.length === 0) throw userError("INVALID_PLAN_INPUT", "NAFill needs at least one value.", { sqlState: "42000" });
  const fields = df.schema.fields;
  if (values.length === 1) {
    const value = values[0];
    const accepts = typeof value === "string" ? (t: DataType) => t.kind === "string"
      : typeof value === "boolean" ? (t: DataType) => t.kind === "boolean"
      : typeof value === "number" || typeof value === "bigint" ? (t: DataType) => NUMERIC.has(t.kind)
      : undefined;
    if (!accepts) throw userError("INVALID_PLAN_INPUT", `Unsupported value type for fill: ${JSON.stringify(value)}.`, { sqlState: "42000" });
    const named = fieldsNamed(df, cols);
    return df.select(...fields.map((f) => (named.has(f.name) && accepts(f.dataType) ? fillCol(df, f.name, f.dataType, value) : df.col(quoted(f.name)))));
  }
  if (values.length !== cols.length) throw userError("INVALID_PLAN_INPUT", "NAFill needs one value per column.", { sqlState: "42000" });
  const byName = new Map<string, unknown>();
  cols.forEach((c, i) => byName.set(df.select(df.col(c)).schema.fields[0]!.name, values[i]));
  return df.select(...fields.map((f) => (byName.has(f.name) ? fillCol(df, f.name, f.dataType, byName.get(f.name)) : df.col(quoted(f.name)))));
}

/** df.na.drop(how, thresh, subset): rows with at least `minNonNulls` (default: every column) values neither null nor NaN. */
export function naDrop(df: DataFrame, cols: readonly string[], minNonNulls: number | undefined): DataFrame {
  const names = cols.length > 0 ? cols : df.schema.fields.map((f) => quoted(f.name));
  const types = new Map(df.schema.fields.map((f) => [f.name, f.dataType]));
  const counts = names.map((n) => {
    const c = df.col(n);
    const t = types.get(df.select(c).schema.fields[0]!.name);
    const present = t?.kind === "double" || t?.kind === "float" ? c.isNotNull().and(callOf("isnan", c).not()) : c.isNotNull();
    return callOf("if", present, lit(1), lit(0));
  });
  const total = counts.reduce((a, b) => a.plus(b), lit(0) as Column);
  return df.filter(total.geq(minNonNulls ?? names.length));
}
