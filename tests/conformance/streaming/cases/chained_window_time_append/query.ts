import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds"), "k").agg(F.sum("v").alias("total")).groupBy(F.window(F.window_time("window"), "10 seconds"), "k").agg(F.sum("total").alias("total"));
}
