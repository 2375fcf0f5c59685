import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        n = state.get[0] if state.exists else 0
        for pdf in pdfs:
            n += len(pdf)
        if n >= 3:
            state.remove()
            yield pd.DataFrame({"k": [key[0]], "count": [n], "status": ["done"]})
        else:
            state.update((n,))
            yield pd.DataFrame({"k": [key[0]], "count": [n], "status": ["open"]})

    return df.groupBy("k").applyInPandasWithState(fn, "k STRING, count LONG, status STRING", "count LONG", "update", GroupStateTimeout.NoTimeout)
