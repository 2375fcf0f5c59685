def query(df, F):
    return df.groupBy("k").agg({"v": "sum", "d": "avg"})
