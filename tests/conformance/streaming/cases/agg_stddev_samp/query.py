def query(df, F):
    return df.groupBy("k").agg(F.stddev_samp("v"))
