def query(df, F):
    return df.groupBy(F.window("ts", "10 seconds", "5 seconds")).count()
