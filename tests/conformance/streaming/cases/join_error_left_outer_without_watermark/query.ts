import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  const imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv");
  const clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv");
  return imp.join(clk, F.expr("ik = ck"), "left_outer");
}
