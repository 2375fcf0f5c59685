import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.withWatermark("ts", "10 seconds").groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    if (state.hasTimedOut) {
      const s = state.get;
      state.remove();
      return [[key[0], new Date(s.start as number), new Date(s.end as number), s.count, true]];
    }
    const s = state.getOption ?? { start: null, end: null, count: 0 };
    let start = s.start as number | null, end = s.end as number | null;
    for (const r of rows) {
      const t = (r.ts as Date).getTime();
      start = start === null ? t : Math.min(start, t);
      end = end === null ? t : Math.max(end, t);
    }
    const n = (s.count as number) + rows.length;
    state.update([start, end, n]);
    state.setTimeoutTimestamp(end! + 5000);
    return false ? [[key[0], new Date(start!), new Date(end!), n, false]] : [];
  }, "k STRING, start TIMESTAMP, end TIMESTAMP, count LONG, closed BOOLEAN", "start LONG, end LONG, count LONG", "append", GroupStateTimeout.EventTimeTimeout);
}
