def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds")).count()
