import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        n = state.get[0] if state.exists else 0
        if state.hasTimedOut:
            yield pd.DataFrame({"k": [key[0]], "count": [n], "event": ["timeout"]})
            return
        for pdf in pdfs:
            n += len(pdf)
        state.update((n,))
        if key[0] != "c":
            state.setTimeoutTimestamp(state.getCurrentWatermarkMs() + 1000)
        yield pd.DataFrame({"k": [key[0]], "count": [n], "event": ["data"]})

    return df.withWatermark("ts", "5 seconds").groupBy("k").applyInPandasWithState(fn, "k STRING, count LONG, event STRING", "count LONG", "update", GroupStateTimeout.EventTimeTimeout)
