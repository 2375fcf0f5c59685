def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", "0 seconds"), "k").count()
