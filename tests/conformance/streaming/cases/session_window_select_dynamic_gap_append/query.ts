import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.select("k", "v", F.session_window("ts", F.when(F.col("v").mod(4).eqNullSafe(0), "0 seconds").when(F.col("v").mod(4).eqNullSafe(1), "-2 seconds").otherwise("3 seconds")).alias("s"));
}
