import { type DataFrame, type FlatMapGroupsWithStateFunction, type functions, GroupStateTimeout } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  const fn: FlatMapGroupsWithStateFunction = (key, rows, state) => {
    const n = (state.exists ? (state.get.count as number) : 0) + rows.length;
    state.update([n]);
    return [[key[0], n]];
  };
  return df.groupBy("k").mapGroupsWithState((key, rows, state) => [...fn(key, rows, state)][0]!, "k STRING, count LONG", "count LONG", GroupStateTimeout.NoTimeout);
}
