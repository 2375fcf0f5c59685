def query(df, F):
    return df.groupBy(F.upper("k").alias("K"), F.expr("v % 2 AS odd")).agg(F.max("v").alias("m")).select("K", "odd", "m")
