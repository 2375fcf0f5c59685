import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  const events = df.union(other).withWatermark("ts", "10 seconds");
  const imp = events.filter("v NOT LIKE 'x%'").selectExpr("k AS ik", "ts AS it", "v AS iv");
  const clk = events.filter("v LIKE 'x%'").selectExpr("k AS ck", "ts AS ct", "v AS cv");
  return imp.join(clk, F.expr("ik = ck AND ct >= it AND ct <= it + interval 10 seconds"), "inner");
}
