def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", F.when(F.col("v") % 5 == 0, "0 seconds").when(F.col("v") % 5 == 1, "-3 seconds").otherwise("4 seconds")), "k").agg(F.count("*").alias("n"), F.collect_list("v").alias("vs"))
