def query(df, F):
    return df.groupBy("k").count().groupBy("count").count()
