// The DataFrame methods PySpark sends as stat and NA relations, built as Spark builds them
// (DataFrameNaFunctions, DataFrameStatFunctions, StatFunctions): na.replace (NAReplace), crosstab
// (StatCrosstab), corr and cov (StatCorr, StatCov), sampleBy (StatSampleBy).
import { userError } from "../../errors.ts";
import { callOf, Column, type ColumnOrValue, lit } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { DataType } from "../../types/data_type.ts";

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);
const quoted = (name: string) => "`" + name.replaceAll("`", "``") + "`";

/** A replacement value's kind: Spark replaces in the numeric, string or boolean columns, after the first key's type. */
function kindOf(v: unknown): "number" | "string" | "boolean" | "null" {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  throw userError("INVALID_PLAN_INPUT", `Unsupported value type for replace: ${String(v)}.`, { sqlState: "42000" });
}

/**
 * df.na.replace(to_replace, value, subset): in each named column (all when none) of the first
 * key's kind, CASE col WHEN old THEN CAST(new AS the column's type) … ELSE col END, as Spark's
 * replace0/replaceCol (numbers compared as doubles).
 */
export function naReplace(df: DataFrame, cols: readonly string[], pairs: readonly (readonly [unknown, unknown])[]): DataFrame {
  if (pairs.length === 0) return df;
  const target = kindOf(pairs[0]![0]);
  const accepts = (t: DataType) =>
    target === "number" ? NUMERIC.has(t.kind) : target === "string" ? t.kind === "string" : target === "boolean" ? t.kind === "boolean" : false;
  const asKey = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);
  const named = cols.length === 0 || (cols.length === 1 && cols[0] === "*")
    ? new Set(df.schema.fields.map((f) => f.name))
    : new Set(cols.map((c) => df.select(df.col(c)).schema.fields[0]!.name));
  return df.select(...df.schema.fields.map((f) => {
    const c = df.col(quoted(f.name));
    if (!named.has(f.name) || !accepts(f.dataType)) return c;
    const args: Column[] = [c];
    for (const [from, to] of pairs) {
      args.push(target === "number" ? lit(Number(asKey(from))).cast("double") : lit(from as ColumnOrValue));
      args.push(lit(asKey(to) as ColumnOrValue).cast(f.dataType));
    }
    // CASE c WHEN k1 THEN v1 … ELSE c END (CaseKeyWhen): the first matching key wins.
    let out: Column = c;
    for (let i = args.length - 2; i >= 1; i -= 2) out = callOf("if", c.eqNullSafe(args[i]!).and(c.isNotNull()), args[i + 1]!, out);
    return out.alias(f.name);
  }));
}

/**
 * df.stat.crosstab(col1, col2): one row per value of col1 (column `col1_col2`, as a string, null
 * as "null"), one bigint column per value of col2 (sorted as strings, backticks dropped from the
 * names) counting the pairs, 0 when none.
 */
export function crosstab(df: DataFrame, col1: string, col2: string): DataFrame {
  const tableName = `${col1}_${col2}`;
  const asText = (name: string) => callOf("coalesce", df.col(name).cast("string"), lit("null"));
  const pairs = df.select(asText(col1).alias(tableName), asText(col2).alias("__col2"));
  const values = [...new Set(pairs.select("__col2").distinct().collectRaw().rows.map((r) => r[0] as string))].sort();
  if (values.length >= 1e4) {
    throw userError("_LEGACY_ERROR_TEMP_2244", `The number of distinct values for ${col2}, can't exceed 1e4. Currently ${values.length}`);
  }
  const counts = values.map((v) => callOf("sum", callOf("if", pairs.col("__col2").equalTo(lit(v)), lit(1n), lit(0n))).alias(v.replaceAll("`", "")));
  return counts.length === 0 ? pairs.groupBy(tableName).count().select(tableName) : pairs.groupBy(tableName).agg(...counts);
}

function numericColumn(df: DataFrame, name: string, what: string): Column {
  const field = df.select(df.col(name)).schema.fields[0]!;
  if (!NUMERIC.has(field.dataType.kind)) {
    throw userError("_LEGACY_ERROR_TEMP_3137", `Currently ${what} calculation for columns with dataType ${field.dataType.simpleString()} not supported.`);
  }
  return df.col(name).cast("double");
}

/** df.stat.corr(col1, col2, method): Pearson's correlation of the two numeric columns, as a one-row DataFrame. */
export function corrFrame(df: DataFrame, col1: string, col2: string, method: string | undefined): DataFrame {
  if (method !== undefined && method !== "pearson") {
    throw userError("_LEGACY_ERROR_TEMP_3135", "Currently only the calculation of the Pearson Correlation coefficient is supported.");
  }
  return df.agg(callOf("corr", numericColumn(df, col1, "correlation"), numericColumn(df, col2, "correlation")).alias(`corr(${col1}, ${col2})`));
}

/** df.stat.cov(col1, col2): the sample covariance of the two numeric columns, as a one-row DataFrame. */
export function covFrame(df: DataFrame, col1: string, col2: string): DataFrame {
  return df.agg(callOf("covar_samp", numericColumn(df, col1, "covariance"), numericColumn(df, col2, "covariance")).alias(`covar_samp(${col1}, ${col2})`));
}

/**
 * df.stat.sampleBy(col, fractions, seed): a row is kept when rand(seed) falls below its stratum's
 * fraction (0 for a stratum not listed), as Spark samples each stratum without replacement.
 */
export function sampleBy(df: DataFrame, col: Column, fractions: readonly (readonly [unknown, number])[], seed: bigint | undefined): DataFrame {
  for (const [, f] of fractions) {
    if (!(f >= 0 && f <= 1)) {
      throw userError("_LEGACY_ERROR_TEMP_3132", `Fractions must be in [0, 1], but got ${JSON.stringify(Object.fromEntries(fractions.map(([k, v]) => [String(k), v])))}.`);
    }
  }
  if (df.isStreaming) throw userError("_LEGACY_ERROR_TEMP_3102", "Sampling is not supported on streaming DataFrames/Datasets");
  let fraction: Column = lit(0).cast("double");
  for (let i = fractions.length - 1; i >= 0; i--) {
    const [k, f] = fractions[i]!;
    fraction = callOf("if", col.equalTo(lit(k as ColumnOrValue)).and(col.isNotNull()), lit(f).cast("double"), fraction);
  }
  // Spark draws rand(seed) for every row, whichever stratum: the same draw Sluice's rand(seed) makes.
  return df.filter(callOf("rand", lit(seed ?? BigInt(Math.floor(Math.random() * 2 ** 53)))).lt(fraction));
}
