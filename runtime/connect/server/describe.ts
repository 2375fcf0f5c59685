// PySpark's df.describe(*cols) (StatDescribe): count, mean, stddev, min and max of the numeric and
// string columns (or the ones named), every value as a string, as Spark's StatFunctions.summary
// computes them: a string column's mean and stddev are over the values that read as numbers.
import { expr } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { SparkSession } from "../../api/session.ts";

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);
const STATS = ["count", "mean", "stddev", "min", "max"] as const;

export function describeFrame(spark: SparkSession, df: DataFrame, cols: readonly string[]): DataFrame {
  const fields = cols.length > 0
    ? cols.map((c) => df.select(df.col(c)).schema.fields[0]!)
    : df.schema.fields.filter((f) => NUMERIC.has(f.dataType.kind) || f.dataType.kind === "string");
  const quoted = (n: string) => "`" + n.replaceAll("`", "``") + "`";
  const aggregates = fields.flatMap((f) => {
    const c = quoted(f.name);
    const num = NUMERIC.has(f.dataType.kind) ? c : `try_cast(${c} AS DOUBLE)`;
    return [`count(${c})`, `avg(${num})`, `stddev(${num})`, `min(${c})`, `max(${c})`].map((a) => expr(`CAST(${a} AS STRING)`));
  });
  const values = fields.length === 0 ? [] : df.agg(...aggregates).collectRaw().rows[0]!;
  const rows = STATS.map((stat, s) => [stat, ...fields.map((_, i) => values[i * STATS.length + s] ?? null)]);
  return spark.createDataFrame(rows, ["summary", ...fields.map((f) => f.name)].map((n) => `${quoted(n)} STRING`).join(", "));
}
