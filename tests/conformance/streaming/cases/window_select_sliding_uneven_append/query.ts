import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.select("k", "v", F.window("ts", "10 seconds", "3 seconds", "1 second").alias("w"));
}
