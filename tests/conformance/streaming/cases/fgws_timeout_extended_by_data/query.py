import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        if state.hasTimedOut:
            state.remove()
            yield pd.DataFrame({"k": [key[0]], "last": pd.to_datetime([state.getCurrentWatermarkMs()], unit="ms")})
            return
        end = state.get[0] if state.exists else 0
        for pdf in pdfs:
            end = max(end, ms(pdf["ts"].max()))
        state.update((end,))
        state.setTimeoutTimestamp(end + 8000)

    return df.withWatermark("ts", "2 seconds").groupBy("k").applyInPandasWithState(fn, "k STRING, last TIMESTAMP", "end LONG", "append", GroupStateTimeout.EventTimeTimeout)
