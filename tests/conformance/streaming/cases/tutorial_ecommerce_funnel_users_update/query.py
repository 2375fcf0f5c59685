def query(df, F):
    return df.groupBy("event_type").agg(F.approx_count_distinct("user_id").alias("users"), F.count("*").alias("events"))
