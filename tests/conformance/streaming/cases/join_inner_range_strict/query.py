def query(df, F, other):
    imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv").withWatermark("it", "10 seconds")
    clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv").withWatermark("ct", "20 seconds")
    return imp.join(clk, F.expr("ik = ck AND ct > it AND ct < it + interval 10 seconds"), "inner")
