def query(df, F):
    return df.orderBy("v")
