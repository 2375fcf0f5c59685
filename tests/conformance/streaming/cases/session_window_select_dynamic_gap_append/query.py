def query(df, F):
    return df.select("k", "v", F.session_window("ts", F.when(F.col("v") % 4 == 0, "0 seconds").when(F.col("v") % 4 == 1, "-2 seconds").otherwise("3 seconds")).alias("s"))
