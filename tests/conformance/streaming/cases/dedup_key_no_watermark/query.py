def query(df, F):
    return df.dropDuplicates(["k"])
