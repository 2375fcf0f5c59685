import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.groupBy(F.expr("v % 3 AS k")).agg(F.sum("v").alias("s"));
}
