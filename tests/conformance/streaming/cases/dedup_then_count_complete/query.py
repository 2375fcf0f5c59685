def query(df, F):
    return df.dropDuplicates(["k", "v"]).groupBy("k").count()
