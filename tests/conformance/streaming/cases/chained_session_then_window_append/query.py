def query(df, F):
    return df.withWatermark("ts", "10 seconds").groupBy(F.session_window("ts", "3 seconds"), "k").agg(F.count("*").alias("n")).groupBy(F.window("session_window", "20 seconds")).agg(F.sum("n").alias("n"), F.count("*").alias("sessions"))
