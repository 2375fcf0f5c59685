// The file connector: Spark's FileStreamSource and FileStreamSink behind one source and one sink per
// format (json, csv, text, parquet). The codecs, partition paths and metadata logs they share are in
// plugins/formats/.
export { default as jsonSource } from "./json/source.ts";
export { default as csvSource } from "./csv/source.ts";
export { default as textSource } from "./text/source.ts";
export { default as parquetSource } from "./parquet/source.ts";
export { default as jsonSink } from "./json/sink.ts";
export { default as csvSink } from "./csv/sink.ts";
export { default as textSink } from "./text/sink.ts";
export { default as parquetSink } from "./parquet/sink.ts";
