import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds"), "k").agg(F.sum("v").alias("total")).groupBy(F.window("window", "10 seconds")).agg(F.sum("total").alias("total")).groupBy(F.window("window", "20 seconds")).agg(F.sum("total").alias("total"), F.count("*").alias("windows"));
}
