import { type DataFrame, type functions, GroupStateTimeout, type GroupState } from "sluice";

export default function query(df: DataFrame, _F: typeof functions): DataFrame {
  return df.groupBy("k").flatMapGroupsWithState((key, rows, state: GroupState) => {
    let n = state.exists ? (state.get.n as number) : 0;
    const vs = rows.map((r) => r.v as number).sort((a, b) => a - b);
    const out = vs.map((v) => [key[0], ++n, v]);
    state.update([n]);
    return out;
  }, "k STRING, seq LONG, v LONG", "n LONG", "append", GroupStateTimeout.NoTimeout);
}
