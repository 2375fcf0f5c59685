import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds", "5 seconds")).agg(F.count("*").alias("n")).groupBy(F.window("window", "20 seconds")).agg(F.sum("n").alias("n"), F.max("window.end").alias("last_end"));
}
