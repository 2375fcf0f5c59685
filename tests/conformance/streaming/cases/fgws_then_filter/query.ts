import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const n = (state.exists ? (state.get.count as number) : 0) + rows.length;
    state.update([n]);
    return [[key[0], n]];
  }, "k STRING, count LONG", "count LONG", "update", GroupStateTimeout.NoTimeout).filter("count >= 2");
}
