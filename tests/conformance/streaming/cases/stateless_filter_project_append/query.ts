import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.filter(F.col("v").gt(2)).select("k", F.col("v").multiply(10).alias("v10"));
}
