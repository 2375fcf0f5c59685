// Tutorial example 5: the classic word count. Lines of text arrive over a TCP socket; each is split
// into words and the running count of every word is printed after each micro-batch (complete mode:
// the whole table every time, most frequent first).
//
// Start a server first (another terminal):   bun scripts/socket_server.ts      (or: nc -lk 9999)
// then:  sluice run samples/05-socket-word-count/pipeline.ts   (or: bun samples/05-socket-word-count/pipeline.ts)
// and type lines into the server's terminal. It stops after SLUICE_SAMPLE_SECONDS (default 60)
// seconds, or on Ctrl-C. SLUICE_SOCKET_HOST / SLUICE_SOCKET_PORT change where it connects.
import { functions as F, SparkSession } from "sluice";

const host = process.env.SLUICE_SOCKET_HOST ?? "localhost";
const port = Number(process.env.SLUICE_SOCKET_PORT ?? 9999);

const spark = SparkSession.builder.appName("SocketWordCount").getOrCreate();

// One row per line received, in the column `value`.
const lines = spark.readStream.format("socket").option("host", host).option("port", port).load();

const words = lines
  .select(F.explode(F.split(F.col("value"), "\\s+")).alias("word"))
  .filter(F.col("word").notEqual(""));

const wordCounts = words.groupBy("word").count().orderBy(F.col("count").desc(), "word");

const query = wordCounts.writeStream
  .outputMode("complete")
  .format("console")
  .start();

await query.awaitTermination(Number(process.env.SLUICE_SAMPLE_SECONDS ?? 60));
await query.stop();
