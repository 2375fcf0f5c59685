import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const counts = new Map<string, number>(state.exists ? (state.get.counts as Map<string, number>) : []);
    for (const r of rows) counts.set(String(r.v), (counts.get(String(r.v)) ?? 0) + 1);
    state.update([counts]);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, n]) => [key[0], value, n]);
  }, "k STRING, value STRING, count LONG", "counts MAP<STRING, LONG>", "update", GroupStateTimeout.NoTimeout);
}
