import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    const seen = state.exists ? [...(state.get.seen as number[])] : [];
    for (const r of rows) seen.push(r.v as number);
    seen.sort((a, b) => a - b);
    state.update([seen]);
    return [[key[0], seen]];
  }, "k STRING, seen ARRAY<LONG>", "seen ARRAY<LONG>", "update", GroupStateTimeout.NoTimeout);
}
