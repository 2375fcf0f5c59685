import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.groupBy(F.session_window("ts", F.col("gap")), "k").agg(F.count("*").alias("n"), F.sum("v").alias("total"));
}
