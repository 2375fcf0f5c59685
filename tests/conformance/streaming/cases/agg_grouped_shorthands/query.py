def query(df, F):
    return df.groupBy("k").max("v", "d")
