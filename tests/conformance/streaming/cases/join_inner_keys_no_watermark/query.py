def query(df, F, other):
    imp = df.selectExpr("k AS ik", "ts AS it", "v AS iv")
    clk = other.selectExpr("k AS ck", "ts AS ct", "v AS cv")
    return imp.join(clk, F.expr("ik = ck"), "inner")
