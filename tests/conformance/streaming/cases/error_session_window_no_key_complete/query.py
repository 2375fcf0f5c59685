def query(df, F):
    return df.groupBy(F.session_window("ts", "5 seconds")).agg(F.sum("v"))
