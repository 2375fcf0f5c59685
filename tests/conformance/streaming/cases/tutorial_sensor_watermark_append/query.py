def query(df, F):
    return (df.withWatermark("ts", "10 minutes")
            .groupBy(F.window("ts", "5 minutes"), "sensor_id")
            .agg(F.round(F.avg("temperature"), 2).alias("avg_temp"),
                 F.max("temperature").alias("max_temp"),
                 F.count("*").alias("readings")))
