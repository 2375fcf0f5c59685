// Remote mode's public face: registers the Spark Connect sessions with SparkSession.builder.
import { setRemoteSessions } from "../../api/session.ts";
import { ConnectSparkSession, getOrCreateRemote } from "./session.ts";

setRemoteSessions({
  getOrCreate: (url, settings) => getOrCreateRemote(url, settings),
  create: (url, settings) => new ConnectSparkSession(url, settings),
});

export { ConnectSparkSession } from "./session.ts";
export { ConnectDataFrame } from "./data_frame.ts";
export { ConnectStreamingQuery } from "./streaming_query.ts";
