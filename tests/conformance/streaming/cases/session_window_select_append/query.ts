import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withColumn("s", F.session_window("ts", "5 seconds"));
}
