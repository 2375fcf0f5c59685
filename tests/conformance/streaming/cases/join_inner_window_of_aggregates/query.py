def query(df, F, other):
    l = df.withWatermark("ts", "10 seconds").groupBy(F.window("ts", "10 seconds").alias("lw")).agg(F.count("*").alias("ln"))
    r = other.withWatermark("ts", "20 seconds").groupBy(F.window("ts", "10 seconds").alias("rw")).agg(F.count("*").alias("rn"))
    return l.join(r, F.expr("lw = rw"), "inner")
