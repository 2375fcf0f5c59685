def query(df, F):
    return df.select("k", "v", F.window("ts", "10 seconds", "3 seconds", "1 second").alias("w"))
