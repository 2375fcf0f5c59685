def query(df, F):
    return df.select("k", "v")
