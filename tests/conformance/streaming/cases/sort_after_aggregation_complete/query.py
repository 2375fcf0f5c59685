def query(df, F):
    return df.groupBy("k").agg(F.sum("v").alias("total")).orderBy(F.col("total").desc())
