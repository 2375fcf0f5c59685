def query(df, F):
    return df.groupBy(F.window("ts", "5 seconds")).count()
