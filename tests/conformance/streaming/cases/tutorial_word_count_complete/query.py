def query(df, F):
    return df.select(F.explode(F.split(F.col("value"), " ")).alias("word")).groupBy("word").count()
