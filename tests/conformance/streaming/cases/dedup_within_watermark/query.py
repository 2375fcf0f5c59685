def query(df, F):
    return df.withWatermark("ts", "2 seconds").dropDuplicatesWithinWatermark(["k"])
