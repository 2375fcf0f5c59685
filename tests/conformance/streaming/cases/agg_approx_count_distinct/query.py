def query(df, F):
    return df.groupBy("k").agg(F.approx_count_distinct("v"), F.approx_count_distinct("s"))
