def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", F.expr("make_dt_interval(0, 0, 0, v % 3 + 2)")), "k").count()
