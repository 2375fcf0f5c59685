def query(df, F):
    return df.groupBy().count()
