import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  return df.withWatermark("ts", "10 seconds")
    .union(other.withWatermark("ts", "5 seconds"))
    .groupBy(F.window("ts", "10 seconds"))
    .agg(F.count("*").alias("n"), F.sum("v").alias("total"));
}
