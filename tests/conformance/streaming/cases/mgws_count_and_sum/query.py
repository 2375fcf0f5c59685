import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        n, total = state.get if state.exists else (0, 0)
        for pdf in pdfs:
            n += len(pdf)
            total += int(pdf["v"].sum())
        state.update((n, total))
        yield pd.DataFrame({"k": [key[0]], "count": [n], "total": [total]})

    return df.groupBy("k").applyInPandasWithState(fn, "k STRING, count LONG, total LONG", "count LONG, total LONG", "update", GroupStateTimeout.NoTimeout)
