def query(df, F):
    return df.groupBy("k").agg(F.last("v"), F.last("s", True))
