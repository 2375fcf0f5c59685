import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "5 seconds").groupBy("ts").agg(F.count("*").alias("n"), F.max("v").alias("max_v"));
}
