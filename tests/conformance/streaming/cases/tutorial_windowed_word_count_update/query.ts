import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 minutes")
    .groupBy(F.window("ts", "10 minutes", "5 minutes"), "word")
    .count();
}
