def query(df, F):
    return df.dropDuplicatesWithinWatermark(["k"])
