import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.select(F.explode(F.split(F.col("value"), " ")).alias("word")).groupBy("word").count();
}
