def query(df, F, other):
    return df.union(other).filter(F.col("v") > 1).select("k", "v")
