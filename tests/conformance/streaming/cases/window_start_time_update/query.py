def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds", "10 seconds", "3 seconds")).count()
