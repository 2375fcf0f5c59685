def query(df, F):
    return df.withWatermark("ts", "10 seconds").dropDuplicates(["k", "v", "ts"]).groupBy("k").count()
