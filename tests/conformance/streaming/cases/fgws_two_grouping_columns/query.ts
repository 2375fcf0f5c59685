import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, F: typeof functions): DataFrame {
  return df.withColumn("parity", F.col("v").mod(2)).groupBy("k", "parity").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const n = (state.exists ? (state.get.count as number) : 0) + rows.length;
    state.update([n]);
    return [[key[0], key[1], n]];
  }, "k STRING, parity LONG, count LONG", "count LONG", "update", GroupStateTimeout.NoTimeout);
}
