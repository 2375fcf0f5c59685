import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", "0 seconds"), "k").count();
}
