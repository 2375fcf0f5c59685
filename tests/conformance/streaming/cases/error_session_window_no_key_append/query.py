def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", "5 seconds")).count()
