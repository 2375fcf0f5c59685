import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  const imp = df.withWatermark("ts", "10 seconds");
  const clk = other.withWatermark("ts", "20 seconds");
  const cond = imp.col("k").equalTo(clk.col("k")).and(clk.col("ts").geq(imp.col("ts"))).and(clk.col("ts").leq(imp.col("ts").plus(F.expr("interval 10 seconds"))));
  return imp.join(clk, cond, "left_outer").select(imp.col("k"), imp.col("v").alias("iv"), clk.col("v").alias("cv"));
}
