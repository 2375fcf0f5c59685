def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds"), "k").agg(F.sum("v").alias("total")).select(F.window_time("window").alias("wt"), "k", "total").groupBy(F.window("wt", "10 seconds")).agg(F.max("total").alias("top"))
