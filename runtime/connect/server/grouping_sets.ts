// PySpark's rollup / cube / GROUPING SETS aggregations (Aggregate relations of those group types),
// run as the SQL Spark would plan for them: Sluice's DataFrame API has groupBy only, and its SQL has
// GROUP BY ROLLUP / CUBE / GROUPING SETS (with grouping() and grouping_id(), and Spark's refusal
// on streaming inputs). The input becomes a temporary view of the client's session for the time
// the statement is analyzed.
import { randomUUID } from "node:crypto";
import type { DataFrame } from "../../api/data_frame.ts";
import type { SparkSession } from "../../api/session.ts";
import type { Expr } from "../../expr/expr.ts";
import { sqlText } from "../../expr/expr_sql.ts";

export type GroupingKind = "rollup" | "cube" | "groupingSets";

export function groupingSetsFrame(spark: SparkSession, input: DataFrame, kind: GroupingKind, groups: readonly Expr[],
  sets: readonly (readonly Expr[])[], aggregates: readonly Expr[]): DataFrame {
  const view = `__sluice_connect_${randomUUID().replaceAll("-", "")}`;
  const list = (xs: readonly Expr[]) => xs.map((x) => sqlText(x)).join(", ");
  const groupBy = kind === "groupingSets"
    ? `GROUPING SETS (${sets.map((s) => `(${list(s)})`).join(", ")})`
    : `${kind === "rollup" ? "ROLLUP" : "CUBE"}(${list(groups)})`;
  input.createOrReplaceTempView(view);
  try {
    return spark.sql(`SELECT ${list([...groups, ...aggregates])} FROM ${view} GROUP BY ${groupBy}`);
  } finally {
    spark.catalog.dropTempView(view);
  }
}
