def query(df, F):
    return df.groupBy("k").agg(F.max("d"), F.max("s"))
