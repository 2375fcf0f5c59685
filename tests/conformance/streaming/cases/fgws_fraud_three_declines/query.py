import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        if state.hasTimedOut:
            state.remove()
            return
        times = list(state.get[0]) if state.exists else []
        for pdf in pdfs:
            times.extend(ms(t) for t in pdf["ts"])
        times.sort()
        alerts = []
        while len(times) >= 3:
            if times[2] - times[0] <= 60000:
                alerts.append(times[2])
                times = times[3:]
            else:
                times = times[1:]
        state.update((times,))
        state.setTimeoutTimestamp(max(times[-1] if times else 0, state.getCurrentWatermarkMs()) + 60000)
        if alerts:
            yield pd.DataFrame({"card": [key[0]] * len(alerts), "at": pd.to_datetime(alerts, unit="ms")})

    return df.withWatermark("ts", "30 seconds").groupBy("k").applyInPandasWithState(fn, "card STRING, at TIMESTAMP", "times ARRAY<LONG>", "append", GroupStateTimeout.EventTimeTimeout)
