def query(df, F):
    return df.groupBy("event_type").count()
