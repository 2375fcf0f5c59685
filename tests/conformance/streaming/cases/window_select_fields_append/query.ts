import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.select(F.window("ts", "10 seconds").getField("start").alias("s"), F.window("ts", "10 seconds").getField("end").alias("e"), "v");
}
