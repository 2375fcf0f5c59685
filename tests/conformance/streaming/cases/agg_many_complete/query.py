def query(df, F):
    return df.groupBy("k").agg(F.count("*").alias("n"), F.sum("v").alias("sum_v"), F.avg("d").alias("avg_d"), F.min("s").alias("min_s"), F.max("v").alias("max_v"), F.var_samp("d").alias("var_d"))
