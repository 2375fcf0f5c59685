import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const n = (state.exists ? (state.get.count as number) : 0) + rows.length;
    state.update([n]);
    return [[key[0], n, state.getCurrentWatermarkMs()]];
  }, "k STRING, count LONG, wm LONG", "count LONG", "update", GroupStateTimeout.NoTimeout);
}
