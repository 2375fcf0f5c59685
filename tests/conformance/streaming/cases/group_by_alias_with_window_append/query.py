def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds"), (F.col("v") % 2).alias("parity")).agg(F.count("*").alias("n"))
