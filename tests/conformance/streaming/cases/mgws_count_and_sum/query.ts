import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.groupBy("k").mapGroupsWithState((key, rows, state: GroupState) => {
    const s = state.getOption ?? { count: 0, total: 0 };
    const n = (s.count as number) + rows.length;
    const total = (s.total as number) + rows.reduce((a, r) => a + (r.v as number), 0);
    state.update({ count: n, total });
    return { k: key[0], count: n, total };
  }, "k STRING, count LONG, total LONG", "count LONG, total LONG", GroupStateTimeout.NoTimeout);
}
