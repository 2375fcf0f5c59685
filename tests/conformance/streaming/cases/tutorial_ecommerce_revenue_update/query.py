def query(df, F):
    return (df.filter(F.col("event_type") == "purchase")
            .withWatermark("ts", "10 minutes")
            .groupBy(F.window("ts", "5 minutes"), "category")
            .agg(F.sum("price").alias("revenue"), F.count("*").alias("orders")))
