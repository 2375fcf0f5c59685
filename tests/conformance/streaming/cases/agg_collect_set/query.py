def query(df, F):
    return df.groupBy("k").agg(F.collect_set("v"), F.collect_set("s"))
