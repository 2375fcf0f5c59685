// The Delta Lake connector: a source (readStream and read) and a sink (writeStream) for Delta
// tables, with the Delta transaction log (PROTOCOL.md of delta-io/delta) written and read here.
export { default as deltaSource } from "./source.ts";
export { default as deltaSink } from "./sink.ts";
