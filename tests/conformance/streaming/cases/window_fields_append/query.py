def query(df, F):
    return (df.withWatermark("ts", "10 seconds")
            .groupBy(F.window("ts", "5 seconds"))
            .agg(F.max("v").alias("max_v"))
            .select(F.col("window.start").alias("start"), F.col("window.end").alias("end"),
                    F.window_time("window").alias("wt"), "max_v"))
