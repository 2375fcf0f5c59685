def query(df, F):
    return df.groupBy("k").agg(F.first("v"), F.first("s", True))
