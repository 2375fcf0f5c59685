import type { DataFrame, functions } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.dropDuplicates();
}
