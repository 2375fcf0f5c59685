import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", F.when(F.col("v").mod(5).equalTo(0), "0 seconds").when(F.col("v").mod(5).equalTo(1), "-3 seconds").otherwise("4 seconds")), "k").agg(F.count("*").alias("n"), F.collect_list("v").alias("vs"));
}
