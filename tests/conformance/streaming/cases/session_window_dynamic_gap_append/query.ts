import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", F.when(F.col("k").equalTo("a"), "5 seconds").otherwise("10 seconds")), "k").agg(F.count("*").alias("n"), F.sum("v").alias("total"));
}
