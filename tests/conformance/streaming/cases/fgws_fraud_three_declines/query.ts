import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "30 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    if (state.hasTimedOut) {
      state.remove();
      return [];
    }
    let times = state.exists ? [...(state.get.times as number[])] : [];
    for (const r of rows) times.push((r.ts as Date).getTime());
    times.sort((a, b) => a - b);
    const alerts: Date[] = [];
    while (times.length >= 3) {
      if (times[2]! - times[0]! <= 60000) {
        alerts.push(new Date(times[2]!));
        times = times.slice(3);
      } else times = times.slice(1);
    }
    state.update([times]);
    state.setTimeoutTimestamp(Math.max(times.at(-1) ?? 0, state.getCurrentWatermarkMs()) + 60000);
    return alerts.map((at) => [key[0], at]);
  }, "card STRING, at TIMESTAMP", "times ARRAY<LONG>", "append", GroupStateTimeout.EventTimeTimeout);
}
