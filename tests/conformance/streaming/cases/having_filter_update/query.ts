import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds")).count().filter(F.col("count").geq(2));
}
