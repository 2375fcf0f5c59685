import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.filter(F.col("temperature").gt(30)).select("sensor_id", "temperature", F.hour("ts").alias("hour"));
}
