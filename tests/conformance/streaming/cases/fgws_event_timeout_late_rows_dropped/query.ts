import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const n = (state.exists ? (state.get.count as number) : 0) + rows.length;
    state.update([n]);
    state.setTimeoutTimestamp(state.getCurrentWatermarkMs() + 60000);
    return state.hasTimedOut ? [] : [[key[0], n]];
  }, "k STRING, count LONG", "count LONG", "update", GroupStateTimeout.EventTimeTimeout);
}
