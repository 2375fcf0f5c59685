import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions, other: DataFrame): DataFrame {
  return df.union(other).filter(F.col("v").gt(1)).select("k", "v");
}
