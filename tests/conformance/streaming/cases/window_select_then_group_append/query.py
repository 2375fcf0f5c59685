def query(df, F):
    return df.withWatermark("ts", "10 seconds").withColumn("w", F.window("ts", "10 seconds", "5 seconds")).groupBy("w").agg(F.count("*").alias("n"), F.sum("v").alias("total"))
