def query(df, F):
    return df.withWatermark("ts", "5 seconds").groupBy("ts").agg(F.count("*").alias("n"), F.max("v").alias("max_v"))
