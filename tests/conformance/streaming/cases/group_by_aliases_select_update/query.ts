import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.groupBy(F.upper("k").alias("K"), F.expr("v % 2 AS odd")).agg(F.max("v").alias("m")).select("K", "odd", "m");
}
