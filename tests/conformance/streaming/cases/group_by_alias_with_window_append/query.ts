import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds"), F.col("v").mod(2).alias("parity")).agg(F.count("*").alias("n"));
}
