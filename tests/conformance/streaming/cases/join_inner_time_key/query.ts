import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  const imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv").withWatermark("it", "10 seconds");
  const clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv").withWatermark("ct", "20 seconds");
  return imp.join(clk, F.expr("ik = ck AND it = ct"), "inner");
}
