def query(df, F, other):
    imp = df.withWatermark("ts", "10 seconds")
    clk = other.withWatermark("ts", "20 seconds")
    cond = (imp["k"] == clk["k"]) & (clk["ts"] >= imp["ts"]) & (clk["ts"] <= imp["ts"] + F.expr("interval 10 seconds"))
    return imp.join(clk, cond, "left_outer").select(imp["k"], imp["v"].alias("iv"), clk["v"].alias("cv"))
