def query(df, F):
    return df.select(F.window("ts", "10 seconds"), "k", "v")
