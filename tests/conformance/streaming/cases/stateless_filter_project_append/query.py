def query(df, F):
    return df.filter(F.col("v") > 2).select("k", (F.col("v") * 10).alias("v10"))
