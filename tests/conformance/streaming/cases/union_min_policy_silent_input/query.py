def query(df, F, other):
    return (df.withWatermark("ts", "10 seconds")
            .union(other.withWatermark("ts", "5 seconds"))
            .groupBy(F.window("ts", "10 seconds"))
            .agg(F.count("*").alias("n"), F.sum("v").alias("total")))
