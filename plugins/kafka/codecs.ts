// The compression codecs of record batches that come from WebAssembly (snappy, lz4), loaded with
// the client library (kafkaLib) rather than when Sluice starts: queries without Kafka never pay
// for them. gzip and zstd come from node:zlib.

export interface WasmCodecs {
  snappyCompress(data: Buffer): Buffer;
  snappyDecompress(data: Buffer): Buffer;
  lz4Compress(data: Buffer): Buffer;
  lz4Decompress(data: Buffer): Buffer;
}

let loaded: WasmCodecs | undefined;
let loading: Promise<WasmCodecs> | undefined;

/** Loads the codecs once. */
export function loadCodecs(): Promise<WasmCodecs> {
  loading ??= import("@platformatic/wasm-utils").then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/** The codecs; loadCodecs() has run (kafkaLib() runs it) before any batch is read or written. */
export function codecs(): WasmCodecs {
  if (loaded === undefined) throw new Error("Kafka compression codecs used before loadCodecs()");
  return loaded;
}
