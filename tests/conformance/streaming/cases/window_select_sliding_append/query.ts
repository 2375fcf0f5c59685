import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withColumn("w", F.window("ts", "10 seconds", "5 seconds"));
}
