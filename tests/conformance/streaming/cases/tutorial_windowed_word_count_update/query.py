def query(df, F):
    return (df.withWatermark("ts", "10 minutes")
            .groupBy(F.window("ts", "10 minutes", "5 minutes"), "word")
            .count())
