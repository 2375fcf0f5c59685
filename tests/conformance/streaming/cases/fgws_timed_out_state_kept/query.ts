import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "5 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    let n = state.exists ? (state.get.count as number) : 0;
    if (state.hasTimedOut) return [[key[0], n, "timeout"]];
    n += rows.length;
    state.update([n]);
    if (key[0] !== "c") state.setTimeoutTimestamp(state.getCurrentWatermarkMs() + 1000);
    return [[key[0], n, "data"]];
  }, "k STRING, count LONG, event STRING", "count LONG", "update", GroupStateTimeout.EventTimeTimeout);
}
