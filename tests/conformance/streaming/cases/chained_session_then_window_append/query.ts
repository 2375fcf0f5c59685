import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", "3 seconds"), "k").agg(F.count("*").alias("n")).groupBy(F.window("session_window", "20 seconds")).agg(F.sum("n").alias("n"), F.count("*").alias("sessions"));
}
