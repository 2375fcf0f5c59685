import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.agg(F.count("*").alias("n"), F.sum("v").alias("total"), F.max("ts").alias("latest"));
}
