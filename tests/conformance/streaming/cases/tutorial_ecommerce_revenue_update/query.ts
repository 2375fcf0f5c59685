import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.filter(F.col("event_type").equalTo("purchase"))
    .withWatermark("ts", "10 minutes")
    .groupBy(F.window("ts", "5 minutes"), "category")
    .agg(F.sum("price").alias("revenue"), F.count("*").alias("orders"));
}
