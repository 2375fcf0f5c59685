def query(df, F):
    return df.select(F.window("ts", "10 seconds").start.alias("s"), F.window("ts", "10 seconds").end.alias("e"), "v")
