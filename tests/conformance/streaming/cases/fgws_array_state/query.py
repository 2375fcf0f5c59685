import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        seen = list(state.get[0]) if state.exists else []
        for pdf in pdfs:
            seen.extend(int(x) for x in pdf["v"])
        seen.sort()
        state.update((seen,))
        yield pd.DataFrame({"k": [key[0]], "seen": [seen]})

    return df.groupBy("k").applyInPandasWithState(fn, "k STRING, seen ARRAY<LONG>", "seen ARRAY<LONG>", "update", GroupStateTimeout.NoTimeout)
