def query(df, F):
    return df.groupBy("k").agg(F.stddev_pop("d"), F.var_pop("d"))
