import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.groupBy("event_type").agg(F.approx_count_distinct("user_id").alias("users"), F.count("*").alias("events"));
}
