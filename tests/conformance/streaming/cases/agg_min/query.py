def query(df, F):
    return df.groupBy("k").agg(F.min("v"), F.min("s"))
