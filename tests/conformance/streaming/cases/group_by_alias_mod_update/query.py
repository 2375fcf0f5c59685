def query(df, F):
    return df.groupBy((F.col("v") % 3).alias("k")).count()
