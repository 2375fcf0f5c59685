def query(df, F):
    return df.groupBy("k").agg(F.collect_list("v"), F.collect_list("s"))
