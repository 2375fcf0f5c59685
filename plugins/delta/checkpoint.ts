// Classic (V1) Parquet checkpoints: the table's state at a version as one Parquet file, a row per
// action in a column per action type (txn, add, remove, metaData, protocol, domainMetadata), with
// the schema delta-spark writes (PROTOCOL.md "Checkpoint Schema"); and _last_checkpoint pointing
// at the newest, with its MD5 checksum over the canonical JSON (PROTOCOL.md "JSON checksum").
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import {
  ArrayType, BOOLEAN, INT, LONG, MapType, STRING, StructField, StructType, type DataType, type Row,
} from "sluice/plugin-sdk";
import type { Action, AddFile, DomainMetadata, Metadata, Protocol, RemoveFile, SetTransaction } from "./actions.ts";
import { checkpointFile, lastCheckpointFile, writeReplacing } from "./log_store.ts";
import { parquetEncoder } from "../formats/parquet_encoder.ts";
import { parquetFormat } from "../formats/parquet_format.ts";
import { stateRecoverError } from "./errors.ts";
import { typeToJson } from "../formats/spark_schema_json.ts";

const f = (name: string, t: DataType) => new StructField(name, t, true);
const STRING_MAP = new MapType(STRING, STRING, true);
const STRINGS = new ArrayType(STRING, true);
const DV = new StructType([
  f("storageType", STRING), f("pathOrInlineDv", STRING), f("offset", INT), f("sizeInBytes", INT), f("cardinality", LONG), f("maxRowIndex", LONG),
]);

export const CHECKPOINT_SCHEMA = new StructType([
  f("txn", new StructType([f("appId", STRING), f("version", LONG), f("lastUpdated", LONG)])),
  f("add", new StructType([
    f("path", STRING), f("partitionValues", STRING_MAP), f("size", LONG), f("modificationTime", LONG), f("dataChange", BOOLEAN),
    f("tags", STRING_MAP), f("deletionVector", DV), f("baseRowId", LONG), f("defaultRowCommitVersion", LONG), f("clusteringProvider", STRING),
    f("stats", STRING),
  ])),
  f("remove", new StructType([
    f("path", STRING), f("deletionTimestamp", LONG), f("dataChange", BOOLEAN), f("extendedFileMetadata", BOOLEAN),
    f("partitionValues", STRING_MAP), f("size", LONG), f("deletionVector", DV), f("baseRowId", LONG), f("defaultRowCommitVersion", LONG),
  ])),
  f("metaData", new StructType([
    f("id", STRING), f("name", STRING), f("description", STRING),
    f("format", new StructType([f("provider", STRING), f("options", STRING_MAP)])),
    f("schemaString", STRING), f("partitionColumns", STRINGS), f("configuration", STRING_MAP), f("createdTime", LONG),
  ])),
  f("protocol", new StructType([f("minReaderVersion", INT), f("minWriterVersion", INT), f("readerFeatures", STRINGS), f("writerFeatures", STRINGS)])),
  f("domainMetadata", new StructType([f("domain", STRING), f("configuration", STRING), f("removed", BOOLEAN)])),
]);

/** What a checkpoint holds: the state at its version. */
export interface CheckpointState {
  protocol: Protocol;
  metadata: Metadata;
  txns: Iterable<SetTransaction>;
  adds: Iterable<AddFile>;
  /** Tombstones not yet expired. */
  removes: Iterable<RemoveFile>;
  domains: Iterable<DomainMetadata>;
}

const mapOf = (o: Record<string, string | null> | null | undefined) => (o ? new Map(Object.entries(o)) : null);
const n = (v: unknown) => (v === undefined ? null : v);

function dvRow(dv: AddFile["deletionVector"]): Row | null {
  return dv ? [dv.storageType, dv.pathOrInlineDv, n(dv.offset), dv.sizeInBytes, dv.cardinality, null] : null;
}

/** Rows (engine representation) of CHECKPOINT_SCHEMA for `state`, in delta-spark's order. */
export function checkpointRows(state: CheckpointState): Row[] {
  const rows: Row[] = [];
  const row = (i: number, value: Row) => {
    const r: Row = [null, null, null, null, null, null];
    r[i] = value;
    rows.push(r);
  };
  for (const t of state.txns) row(0, [t.appId, t.version, n(t.lastUpdated)]);
  for (const a of state.adds) {
    row(1, [a.path, mapOf(a.partitionValues), a.size, a.modificationTime, false, mapOf(a.tags ?? null), dvRow(a.deletionVector),
      n(a.baseRowId), n(a.defaultRowCommitVersion), n(a.clusteringProvider), n(a.stats)]);
  }
  for (const r of state.removes) {
    row(2, [r.path, n(r.deletionTimestamp), r.dataChange, n(r.extendedFileMetadata), mapOf(r.partitionValues ?? null), n(r.size),
      dvRow(r.deletionVector), null, null]);
  }
  const m = state.metadata;
  row(3, [m.id, n(m.name), n(m.description), [m.format.provider, new Map(Object.entries(m.format.options ?? {}))], m.schemaString,
    [...m.partitionColumns], new Map(Object.entries(m.configuration ?? {})), n(m.createdTime)]);
  const p = state.protocol;
  row(4, [p.minReaderVersion, p.minWriterVersion, p.readerFeatures ? [...p.readerFeatures] : null, p.writerFeatures ? [...p.writerFeatures] : null]);
  for (const d of state.domains) row(5, [d.domain, d.configuration, d.removed]);
  return rows;
}

export interface LastCheckpoint {
  version: number;
  size: number;
  parts?: number;
  sizeInBytes?: number;
  numOfAddFiles?: number;
  checkpointSchema?: unknown;
  checksum?: string;
}

/** Writes the checkpoint of `version` and points _last_checkpoint at it. */
export function writeCheckpoint(table: string, version: number, state: CheckpointState): LastCheckpoint {
  const rows = checkpointRows(state);
  const bytes = parquetEncoder("SNAPPY")(rows, CHECKPOINT_SCHEMA);
  const path = checkpointFile(table, version);
  writeReplacing(path, bytes);
  let numOfAddFiles = 0;
  for (const r of rows) if (r[1] !== null) numOfAddFiles++;
  const last: LastCheckpoint = {
    version, size: rows.length, sizeInBytes: statSync(path).size, numOfAddFiles, checkpointSchema: typeToJson(CHECKPOINT_SCHEMA),
  };
  last.checksum = lastCheckpointChecksum(last as unknown as Record<string, unknown>);
  writeReplacing(lastCheckpointFile(table), JSON.stringify(last));
  return last;
}

/** _last_checkpoint, or undefined when it is missing or unreadable (readers then list the log). */
export function readLastCheckpoint(table: string): LastCheckpoint | undefined {
  try {
    const o = JSON.parse(readFileSync(lastCheckpointFile(table), "utf8")) as LastCheckpoint;
    return typeof o.version === "number" ? o : undefined;
  } catch {
    return undefined;
  }
}

const mapToObject = (m: unknown): Record<string, string | null> => {
  const o: Record<string, string | null> = {};
  if (m instanceof Map) for (const [k, v] of m) o[String(k)] = v === null || v === undefined ? null : String(v);
  return o;
};
const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));

/** The actions of a checkpoint (one file, or the parts of a multi-part one). */
export function readCheckpoint(paths: readonly string[], version: number): Action[] {
  const read = parquetFormat.reader(CHECKPOINT_SCHEMA, {}, undefined as never);
  const out: Action[] = [];
  for (const path of paths) {
    let rows: Row[];
    try {
      rows = read({ path, size: 0, mtimeMs: 0, root: path });
    } catch (e) {
      throw Object.assign(stateRecoverError("checkpoint", version), { cause: e });
    }
    for (const r of rows) {
      const [txn, add, remove, md, protocol, domain] = r as (Row | null)[];
      if (txn) out.push({ txn: { appId: String(txn[0]), version: Number(txn[1]), lastUpdated: num(txn[2]) ?? null } });
      if (add) {
        const dv = add[6] as Row | null;
        out.push({
          add: {
            path: String(add[0]), partitionValues: mapToObject(add[1]), size: Number(add[2]), modificationTime: Number(add[3]),
            dataChange: add[4] === true, stats: (add[10] as string | null) ?? null, tags: add[5] ? (mapToObject(add[5]) as Record<string, string>) : null,
            deletionVector: dv ? { storageType: String(dv[0]), pathOrInlineDv: String(dv[1]), offset: num(dv[2]), sizeInBytes: Number(dv[3]), cardinality: Number(dv[4]) } : null,
            baseRowId: num(add[7]) ?? null, defaultRowCommitVersion: num(add[8]) ?? null,
          },
        });
      }
      if (remove) {
        const dv = remove[6] as Row | null;
        out.push({
          remove: {
            path: String(remove[0]), deletionTimestamp: num(remove[1]) ?? null, dataChange: remove[2] === true,
            extendedFileMetadata: remove[3] === true, partitionValues: remove[4] ? mapToObject(remove[4]) : undefined, size: num(remove[5]),
            deletionVector: dv ? { storageType: String(dv[0]), pathOrInlineDv: String(dv[1]), offset: num(dv[2]), sizeInBytes: Number(dv[3]), cardinality: Number(dv[4]) } : null,
          },
        });
      }
      if (md) {
        const format = md[3] as Row | null;
        out.push({
          metaData: {
            id: String(md[0]), name: (md[1] as string | null) ?? null, description: (md[2] as string | null) ?? null,
            format: { provider: format ? String(format[0]) : "parquet", options: format ? (mapToObject(format[1]) as Record<string, string>) : {} },
            schemaString: String(md[4]), partitionColumns: ((md[5] as unknown[] | null) ?? []).map(String),
            configuration: mapToObject(md[6]) as Record<string, string>, createdTime: num(md[7]) ?? null,
          },
        });
      }
      if (protocol) {
        out.push({
          protocol: {
            minReaderVersion: Number(protocol[0]), minWriterVersion: Number(protocol[1]),
            ...(protocol[2] ? { readerFeatures: (protocol[2] as unknown[]).map(String) } : {}),
            ...(protocol[3] ? { writerFeatures: (protocol[3] as unknown[]).map(String) } : {}),
          },
        });
      }
      if (domain) out.push({ domainMetadata: { domain: String(domain[0]), configuration: String(domain[1]), removed: domain[2] === true } });
    }
  }
  return out;
}

// ---- _last_checkpoint checksum (PROTOCOL.md "JSON checksum") ----

/** RFC 3986 percent-encoding with every octet but A-Z a-z 0-9 - . _ ~ encoded, upper-case hex. */
function urlEncode(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function canonicalPairs(value: unknown, path: string[], out: [string, string][]): void {
  if (value === null || typeof value === "boolean" || typeof value === "number") {
    out.push([path.join("+"), String(value)]);
  } else if (typeof value === "string") {
    out.push([path.join("+"), `"${urlEncode(value)}"`]);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => canonicalPairs(v, [...path, String(i)], out));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) canonicalPairs(v, [...path, `"${urlEncode(k)}"`], out);
  }
}

const compareBytes = (a: string, b: string) => {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** The canonical form of a _last_checkpoint object (its top-level checksum left out). */
export function canonicalJson(o: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(o)) if (k !== "checksum") canonicalPairs(v, [`"${urlEncode(k)}"`], pairs);
  pairs.sort((a, b) => compareBytes(a[0], b[0]));
  return pairs.map(([p, v]) => `${p}=${v}`).join(",");
}

export function lastCheckpointChecksum(o: Record<string, unknown>): string {
  return createHash("md5").update(canonicalJson(o)).digest("hex");
}
