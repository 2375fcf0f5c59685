def query(df, F, other):
    imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv").withWatermark("it", "10 seconds")
    clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv").withWatermark("ct", "20 seconds")
    return imp.join(clk, F.expr("ik = ck AND it = ct"), "left_outer").groupBy(F.window("it", "30 seconds")).agg(F.count("*").alias("n"), F.count("cv").alias("matched"))
