def query(df, F):
    return df.withColumn("s", F.session_window("ts", "5 seconds"))
