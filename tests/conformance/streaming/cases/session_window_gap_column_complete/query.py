def query(df, F):
    return df.groupBy(F.session_window("ts", F.col("gap")), "k").agg(F.count("*").alias("n"), F.sum("v").alias("total"))
