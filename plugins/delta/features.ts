// Which tables Sluice can read and write: protocol versions and table features (PROTOCOL.md
// "Table Features", "Writer Version Requirements"). A table needing something Sluice does not do
// is refused up front, naming the feature, rather than read or written wrongly.
import type { DataType, StructType } from "sluice/plugin-sdk";
import type { Metadata, Protocol } from "./actions.ts";
import { invalidProtocolVersion, unsupportedReadFeatures, unsupportedWriteFeatures } from "./errors.ts";

/** Reader features Sluice implements (a reader of these tables needs nothing more than it does). */
export const READER_FEATURES: ReadonlySet<string> = new Set(["timestampNtz", "vacuumProtocolCheck"]);

/**
 * Writer features Sluice honours. Features whose table property or metadata would make a writer
 * do more (constraints, generated columns, change data feed, …) are accepted only while inactive
 * (see inactiveWriterFeatures).
 */
export const WRITER_FEATURES: ReadonlySet<string> = new Set([
  "appendOnly", "timestampNtz", "vacuumProtocolCheck", "domainMetadata",
]);

/** Writer features a table may list as long as nothing in it uses them. */
function featureInUse(feature: string, metadata: Metadata, schema: StructType): boolean | undefined {
  const conf = metadata.configuration ?? {};
  const isTrue = (k: string) => (conf[k] ?? "").toLowerCase() === "true";
  switch (feature) {
    case "invariants": return anyFieldMeta(schema, "delta.invariants");
    case "checkConstraints": return Object.keys(conf).some((k) => k.startsWith("delta.constraints."));
    case "changeDataFeed": return isTrue("delta.enableChangeDataFeed");
    case "generatedColumns": return anyFieldMeta(schema, "delta.generationExpression");
    case "allowColumnDefaults": return anyFieldMeta(schema, "CURRENT_DEFAULT");
    case "identityColumns": return anyFieldMeta(schema, "delta.identity.start");
    case "inCommitTimestamp": return isTrue("delta.enableInCommitTimestamps");
    case "rowTracking": return isTrue("delta.enableRowTracking");
    case "columnMapping": return (conf["delta.columnMapping.mode"] ?? "none").toLowerCase() !== "none";
    case "typeWidening": return isTrue("delta.enableTypeWidening");
    default: return undefined;
  }
}

function anyFieldMeta(t: DataType, key: string): boolean {
  switch (t.kind) {
    case "struct": return t.fields.some((f) => (f.metadata && key in f.metadata) || anyFieldMeta(f.dataType, key));
    case "array": return anyFieldMeta(t.elementType, key);
    case "map": return anyFieldMeta(t.keyType, key) || anyFieldMeta(t.valueType, key);
    default: return false;
  }
}

/** The features a legacy writer version implies (PROTOCOL.md "Writer Version Requirements"). */
function legacyWriterFeatures(version: number): string[] {
  const all = [
    [2, "appendOnly"], [2, "invariants"], [3, "checkConstraints"], [4, "changeDataFeed"], [4, "generatedColumns"],
    [5, "columnMapping"], [6, "identityColumns"],
  ] as const;
  return all.filter(([v]) => version >= v).map(([, f]) => f);
}

/** Throws (naming what is missing) unless Sluice can read a table with this protocol. */
export function checkReadable(protocol: Protocol, metadata: Metadata | undefined, path: string): void {
  const r = protocol.minReaderVersion;
  if (r === 2) {
    // Reader version 2 means column mapping; a table that never turned it on reads as plain Parquet.
    if ((metadata?.configuration?.["delta.columnMapping.mode"] ?? "none").toLowerCase() !== "none") throw unsupportedReadFeatures(path, ["columnMapping"]);
    return;
  }
  if (r > 3 || r < 1) throw invalidProtocolVersion(path, r, protocol.minWriterVersion, "1, 2 and 3", "2 and 7");
  if (r === 3) {
    const missing = (protocol.readerFeatures ?? []).filter((f) => !READER_FEATURES.has(f));
    if (missing.length > 0) throw unsupportedReadFeatures(path, missing);
  }
}

/** Throws unless Sluice can write (append to, overwrite, compact, vacuum) a table with this protocol. */
export function checkWritable(protocol: Protocol, metadata: Metadata, schema: StructType, path: string): void {
  checkReadable(protocol, metadata, path);
  const w = protocol.minWriterVersion;
  if (w < 1 || w > 7) throw invalidProtocolVersion(path, protocol.minReaderVersion, w, "1, 2 and 3", "2 and 7");
  const listed = w === 7 ? protocol.writerFeatures ?? [] : legacyWriterFeatures(w);
  const missing = listed.filter((f) => !WRITER_FEATURES.has(f) && featureInUse(f, metadata, schema) !== false);
  if (missing.length > 0) throw unsupportedWriteFeatures(path, missing);
}

function hasNtz(t: DataType): boolean {
  switch (t.kind) {
    case "timestamp_ntz": return true;
    case "struct": return t.fields.some((f) => hasNtz(f.dataType));
    case "array": return hasNtz(t.elementType);
    case "map": return hasNtz(t.keyType) || hasNtz(t.valueType);
    default: return false;
  }
}

/**
 * The protocol of a new table, as delta-spark picks it: (1, 2), unless a column is TIMESTAMP_NTZ,
 * which needs the timestampNtz feature and so table features (3, 7).
 */
export function newTableProtocol(schema: StructType): Protocol {
  if (hasNtz(schema)) return { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"] };
  return { minReaderVersion: 1, minWriterVersion: 2 };
}

/** The protocol after a schema change: timestampNtz added when a TIMESTAMP_NTZ column arrives. */
export function protocolFor(current: Protocol, schema: StructType): Protocol | undefined {
  if (!hasNtz(schema)) return undefined;
  if (current.minReaderVersion === 3 && (current.readerFeatures ?? []).includes("timestampNtz")) return undefined;
  const legacy = current.minWriterVersion === 7 ? current.writerFeatures ?? [] : legacyWriterFeatures(current.minWriterVersion);
  return {
    minReaderVersion: 3, minWriterVersion: 7,
    readerFeatures: [...new Set([...(current.readerFeatures ?? []), "timestampNtz"])],
    writerFeatures: [...new Set([...legacy, "timestampNtz"])],
  };
}

/** The table property `delta.appendOnly` is true (and the protocol supports it). */
export function isAppendOnly(protocol: Protocol, metadata: Metadata): boolean {
  const on = (metadata.configuration?.["delta.appendOnly"] ?? "").toLowerCase() === "true";
  if (!on) return false;
  return protocol.minWriterVersion === 7 ? (protocol.writerFeatures ?? []).includes("appendOnly") : protocol.minWriterVersion >= 2;
}
