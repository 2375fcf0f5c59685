def query(df, F):
    return df.filter(F.col("temperature") > 30).select("sensor_id", "temperature", F.hour("ts").alias("hour"))
