def query(df, F):
    return df.groupBy("k").agg(F.sum("d"))
