def query(df, F):
    return df.withWatermark("ts", "1 second").select("ts", "v")
