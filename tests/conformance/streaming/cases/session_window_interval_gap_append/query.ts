import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", F.expr("make_dt_interval(0, 0, 0, v % 3 + 2)")), "k").count();
}
