// groupBy(…).pivot(col[, values]).agg(…) (an Aggregate relation of the PIVOT kind), as Spark's
// ResolvePivot plans it with PivotFirst: the aggregates per group and pivot value first, then one
// column per value and aggregate (value-major) holding that pair's result, null when the group has
// no row with that value. Without values, the pivot column's distinct values sorted (nulls first),
// at most spark.sql.pivotMaxValues of them, as Spark Connect's planner collects them.
import { userError } from "../../errors.ts";
import { callOf, Column, lit } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { SparkSession } from "../../api/session.ts";
import { literal, type Expr } from "../../expr/expr.ts";

/** Whether an expression holds a `*` anywhere (count(*) included), which Spark refuses in a pivot. */
function hasStar(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  if ((x as { kind?: string }).kind === "star") return true;
  return Object.values(x).some(hasStar);
}

export function pivotFrame(spark: SparkSession, input: DataFrame, groups: readonly Expr[], pivot: Expr, given: readonly Expr[], aggregates: readonly Expr[]): DataFrame {
  if (aggregates.some(hasStar)) throw userError("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in Pivot.", { sqlState: "42000" });
  const pivotCol = new Column(pivot);
  let values: Expr[] = [...given];
  if (values.length === 0) {
    const maxValues = Number(spark.conf.get("spark.sql.pivotMaxValues") ?? 10000);
    const distinct = input.select(pivotCol.alias("__pivot")).distinct();
    const found = distinct.orderBy(distinct.col("__pivot").asc_nulls_first()).limit(maxValues + 1).collectRaw();
    if (found.rows.length > maxValues) {
      throw userError("_LEGACY_ERROR_TEMP_1325", `The pivot column ${new Column(pivot).toString()} has more than ${maxValues} distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.`);
    }
    const type = found.schema.fields[0]!.dataType;
    values = found.rows.map((r) => literal(r[0], type));
  }
  // The output names: each value as a string ("null" for null), suffixed by the aggregate's name
  // when there is more than one aggregate.
  const names = values.length === 0 ? [] : spark.range(1).select(...values.map((v) => new Column(v).cast("string"))).collectRaw().rows[0]!.map((s) => (s === null ? "null" : String(s)));
  const groupCols = groups.map((g, i) => new Column(g).alias(`__g${i}`));
  const first = input.groupBy(...groupCols, pivotCol.alias("__pivot")).agg(...aggregates.map((a) => new Column(a)));
  const aggNames = first.columns.slice(groups.length + 1);
  const groupNames = input.groupBy(...groups.map((g) => new Column(g))).agg(lit(1).alias("__one")).columns.slice(0, groups.length);
  const cells = values.flatMap((v, i) => aggNames.map((a) =>
    callOf("first", callOf("if", first.col("__pivot").eqNullSafe(new Column(v)), first.col("`" + a.replaceAll("`", "``") + "`"), lit(null)), lit(true))
      .alias(aggregates.length === 1 ? names[i]! : `${names[i]}_${a}`)));
  return first.groupBy(...groups.map((_, i) => first.col(`__g${i}`).alias(groupNames[i]!))).agg(...cells);
}
