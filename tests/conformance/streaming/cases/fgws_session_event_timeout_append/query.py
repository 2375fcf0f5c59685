import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        if state.hasTimedOut:
            start, end, n = state.get
            state.remove()
            yield pd.DataFrame({"k": [key[0]], "start": pd.to_datetime([start], unit="ms"), "end": pd.to_datetime([end], unit="ms"), "count": [n], "closed": [True]})
            return
        start, end, n = state.get if state.exists else (None, None, 0)
        for pdf in pdfs:
            lo, hi = ms(pdf["ts"].min()), ms(pdf["ts"].max())
            start = lo if start is None else min(start, lo)
            end = hi if end is None else max(end, hi)
            n += len(pdf)
        state.update((start, end, n))
        state.setTimeoutTimestamp(end + 5000)
        if False:
            yield pd.DataFrame({"k": [key[0]], "start": pd.to_datetime([start], unit="ms"), "end": pd.to_datetime([end], unit="ms"), "count": [n], "closed": [False]})

    return df.withWatermark("ts", "10 seconds").groupBy("k").applyInPandasWithState(
        fn, "k STRING, start TIMESTAMP, end TIMESTAMP, count LONG, closed BOOLEAN", "start LONG, end LONG, count LONG", "append", GroupStateTimeout.EventTimeTimeout)
