import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        n = state.get[0] if state.exists else 0
        for pdf in pdfs:
            vs = sorted(int(x) for x in pdf["v"])
            seq = list(range(n + 1, n + 1 + len(vs)))
            n += len(vs)
            yield pd.DataFrame({"k": [key[0]] * len(vs), "seq": seq, "v": vs})
        state.update((n,))

    return df.groupBy("k").applyInPandasWithState(fn, "k STRING, seq LONG, v LONG", "n LONG", "append", GroupStateTimeout.NoTimeout)
