import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "2 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    if (state.hasTimedOut) {
      state.remove();
      return [[key[0], new Date(state.getCurrentWatermarkMs())]];
    }
    let end = state.exists ? (state.get.end as number) : 0;
    for (const r of rows) end = Math.max(end, (r.ts as Date).getTime());
    state.update([end]);
    state.setTimeoutTimestamp(end + 8000);
    return [];
  }, "k STRING, last TIMESTAMP", "end LONG", "append", GroupStateTimeout.EventTimeTimeout);
}
