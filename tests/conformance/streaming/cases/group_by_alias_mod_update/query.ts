import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.groupBy(F.col("v").mod(3).alias("k")).count();
}
