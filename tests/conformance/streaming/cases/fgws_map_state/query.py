import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout


def ms(t):
    return int(pd.Timestamp(t).value // 1_000_000)


def query(df, F):
    def fn(key, pdfs, state):
        counts = dict(state.get[0]) if state.exists else {}
        for pdf in pdfs:
            for x in pdf["v"]:
                counts[str(int(x))] = counts.get(str(int(x)), 0) + 1
        state.update((counts,))
        items = sorted(counts.items())
        yield pd.DataFrame({"k": [key[0]] * len(items), "value": [a for a, _ in items], "count": [b for _, b in items]})

    return df.groupBy("k").applyInPandasWithState(fn, "k STRING, value STRING, count LONG", "counts MAP<STRING, LONG>", "update", GroupStateTimeout.NoTimeout)
