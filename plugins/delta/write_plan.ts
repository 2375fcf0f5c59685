// What a write does to the table's metadata before any file is written (delta-spark's
// ImplicitMetadataOperation.updateMetadata): create the table from the data's schema, check the
// data against an existing table (partitioning, schema), merge new columns (mergeSchema), or
// replace schema and partitioning (overwriteSchema, overwrite/complete only).
import { randomUUID } from "node:crypto";
import type { Row, StructType } from "sluice/plugin-sdk";
import type { Transaction } from "./transaction.ts";
import { partitioningMismatch, schemaMismatch } from "./errors.ts";
import { checkWritable, newTableProtocol, protocolFor } from "./features.ts";
import { checkTableSchema, mergeTypes, resolvePartitionColumns, rowAdapter, schemaGrew } from "./table_schema.ts";
import { asNullable, schemaToJson } from "../formats/spark_schema_json.ts";

export interface WriteSettings {
  /** The partitionBy columns given with the write; undefined when none were given. */
  partitionBy?: readonly string[];
  mergeSchema: boolean;
  overwriteSchema: boolean;
  /** The write replaces the table's content (overwrite save mode, complete output mode). */
  overwrite: boolean;
  streaming: boolean;
  timeZone: string;
  /** Table properties for a new table (delta.* options of the write). */
  configuration?: Record<string, string>;
  nowMs: number;
}

export interface WritePlan {
  /** The table's schema after this write; rows are adapted to it. */
  schema: StructType;
  partitionColumns: string[];
  /** Puts a row of the data into the table's column order (undefined: already is). */
  adapt?: (row: Row) => Row;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]!.toLowerCase());

/** Decides the table's metadata for writing `data`, recording any change on `txn`. */
export function planWrite(txn: Transaction, data: StructType, s: WriteSettings): WritePlan {
  checkTableSchema(data, s.streaming);
  const snap = txn.snapshot;
  if (!snap) {
    const schema = asNullable(data) as StructType;
    const partitionColumns = resolvePartitionColumns(s.partitionBy ?? [], schema);
    txn.newMetadata = {
      id: randomUUID(), format: { provider: "parquet", options: {} }, schemaString: schemaToJson(schema), partitionColumns,
      configuration: { ...(s.configuration ?? {}) }, createdTime: s.nowMs,
    };
    txn.newProtocol = newTableProtocol(schema);
    return { schema, partitionColumns, adapt: rowAdapter(data, schema, s.timeZone) };
  }
  checkWritable(snap.protocol, snap.metadata, snap.schema, txn.table);
  if (s.overwrite && s.overwriteSchema) {
    const schema = asNullable(data) as StructType;
    const partitionColumns = resolvePartitionColumns(s.partitionBy ?? [], schema);
    if (!sameColumns(partitionColumns, snap.metadata.partitionColumns) || schemaGrew(snap.schema, schema) || schemaGrew(schema, snap.schema)) {
      txn.newMetadata = { ...snap.metadata, schemaString: schemaToJson(schema), partitionColumns };
      const upgraded = protocolFor(snap.protocol, schema);
      if (upgraded) txn.newProtocol = upgraded;
    }
    return { schema, partitionColumns, adapt: rowAdapter(data, schema, s.timeZone) };
  }
  if (s.partitionBy !== undefined && s.partitionBy.length > 0 && !sameColumns(s.partitionBy, snap.metadata.partitionColumns)) {
    throw partitioningMismatch(s.partitionBy, snap.metadata.partitionColumns);
  }
  const merged = mergeTypes(snap.schema, data) as StructType;
  if (schemaGrew(snap.schema, merged)) {
    if (!s.mergeSchema) throw schemaMismatch(snap.metadata.id, snap.schema, data);
    txn.newMetadata = { ...snap.metadata, schemaString: schemaToJson(merged) };
    const upgraded = protocolFor(snap.protocol, merged);
    if (upgraded) txn.newProtocol = upgraded;
  }
  const schema = schemaGrew(snap.schema, merged) ? merged : snap.schema;
  return { schema, partitionColumns: [...snap.metadata.partitionColumns], adapt: rowAdapter(data, schema, s.timeZone) };
}
