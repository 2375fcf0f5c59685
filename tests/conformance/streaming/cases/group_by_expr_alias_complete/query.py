def query(df, F):
    return df.groupBy(F.expr("v % 3 AS k")).agg(F.sum("v").alias("s"))
