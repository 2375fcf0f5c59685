def query(df, F):
    return df.agg(F.count("*").alias("n"), F.sum("v").alias("total"), F.max("ts").alias("latest"))
