def query(df, F):
    return df.withColumn("w", F.window("ts", "10 seconds", "5 seconds"))
