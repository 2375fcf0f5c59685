// The schema file of a stateful operator, <checkpoint>/state/<operatorId>/_metadata/schema:
// written on the first run, checked on every restart, so that state written by a different
// query is refused instead of being misread (Spark's StateSchemaCompatibilityChecker).
//
// The file is JSON: the operator's name, its key and value schemas as Spark type strings (for
// people) and as Spark's JSON schema (for the check, which needs field nullability). As in
// Spark, field names do not matter (renaming a grouping column is fine); field count, order and
// types do, and a field may become non-nullable but not nullable.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic_write.ts";
import { corrupt } from "../checkpoint/metadata_log.ts";
import { userError } from "../errors.ts";
import type { DataType, StructType } from "../types/data_type.ts";

export interface StateSchema {
  /** Spark's operator name: stateStoreSave, dedupe, symmetricHashJoin, … */
  operatorName: string;
  keySchema: StructType;
  valueSchema: StructType;
}

/** Spark's JSON form of a data type (DataType.json). */
export type TypeJson =
  | string
  | { type: "struct"; fields: { name: string; type: TypeJson; nullable: boolean; metadata: Record<string, unknown> }[] }
  | { type: "array"; elementType: TypeJson; containsNull: boolean }
  | { type: "map"; keyType: TypeJson; valueType: TypeJson; valueContainsNull: boolean };

interface SchemaFile {
  version: number;
  operatorName: string;
  keySchema: string;
  valueSchema: string;
  keySchemaJson: TypeJson;
  valueSchemaJson: TypeJson;
}

const FILE_VERSION = 1;

export function stateSchemaPath(stateDir: string, operatorId: number): string {
  return join(stateDir, String(operatorId), "_metadata", "schema");
}

export interface StateSchemaCheckOptions {
  /** spark.sql.streaming.stateStore.stateSchemaCheck: false skips the key and value schema check. */
  stateSchemaCheck?: boolean;
}

/**
 * Writes the schema file of operator `operatorId` under `stateDir` (<checkpoint>/state) if there
 * is none; otherwise checks `schema` against it and throws Spark's error when they do not match.
 * Call it when the query starts, before the operator loads state.
 */
export function checkStateSchema(stateDir: string, operatorId: number, schema: StateSchema, options: StateSchemaCheckOptions = {}): void {
  const path = stateSchemaPath(stateDir, operatorId);
  const next = schemaFile(schema);
  if (!existsSync(path)) {
    writeFileAtomic(path, JSON.stringify(next, null, 2) + "\n");
    return;
  }
  const stored = readSchemaFile(path);
  if (stored.operatorName !== schema.operatorName) {
    const pair = (name: string) => `(OperatorId: ${operatorId} -> OperatorName: ${name})`;
    throw userError("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA",
      "Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\n" +
      `Stateful operators in the metadata: [${pair(stored.operatorName)}]; Stateful operators in current batch: [${pair(schema.operatorName)}].`,
      { sqlState: "42K03", hint: `The checkpoint's state was written by a different query (${path}). Restore that query, or start this one with a new checkpoint location.` });
  }
  if (options.stateSchemaCheck === false) return;
  if (!compatible(next.keySchemaJson, stored.keySchemaJson)) throw notCompatible("key", stored.keySchema, next.keySchema, path);
  if (!compatible(next.valueSchemaJson, stored.valueSchemaJson)) throw notCompatible("value", stored.valueSchema, next.valueSchema, path);
  // A compatible change (renamed fields) leaves the file as the first run wrote it, so later runs
  // are checked against the schema the state was written with.
}

function schemaFile(schema: StateSchema): SchemaFile {
  return {
    version: FILE_VERSION,
    operatorName: schema.operatorName,
    keySchema: schema.keySchema.simpleString(),
    valueSchema: schema.valueSchema.simpleString(),
    keySchemaJson: typeJson(schema.keySchema),
    valueSchemaJson: typeJson(schema.valueSchema),
  };
}

function readSchemaFile(path: string): SchemaFile {
  let parsed: Partial<SchemaFile>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<SchemaFile>;
  } catch {
    throw corrupt(path, "it is not valid JSON (truncated or corrupt file?)");
  }
  if (typeof parsed !== "object" || parsed === null) throw corrupt(path, "expected a JSON object");
  if (typeof parsed.version === "number" && parsed.version > FILE_VERSION) {
    throw corrupt(path, `it has version ${parsed.version}; this Sluice reads version ${FILE_VERSION} (written by a newer Sluice?)`);
  }
  if (typeof parsed.operatorName !== "string" || typeof parsed.keySchema !== "string" || typeof parsed.valueSchema !== "string" ||
      !isTypeJson(parsed.keySchemaJson) || !isTypeJson(parsed.valueSchemaJson)) {
    throw corrupt(path, "expected operatorName, keySchema, valueSchema, keySchemaJson and valueSchemaJson");
  }
  return parsed as SchemaFile;
}

function notCompatible(which: "key" | "value", stored: string, next: string, path: string) {
  const Which = which === "key" ? "KEY" : "VALUE";
  return userError(`STATE_STORE_${Which}_SCHEMA_NOT_COMPATIBLE`,
    `Provided ${which} schema does not match existing state ${which} schema.\n` +
    "Please check number and type of fields.\n" +
    `Existing ${which}_schema=${stored} and new ${which}_schema=${next}.\n` +
    "If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\n" +
    "However, please note that running the query with incompatible schema could cause non-deterministic behavior.",
    { sqlState: "XXKST", hint: `The state in ${path} was written by a query with other grouping keys or aggregations. Restore that query, or start this one with a new checkpoint location.` });
}

/** Spark's DataType.json: atomic types by their typeName, nested types as objects. */
export function typeJson(t: DataType): TypeJson {
  switch (t.kind) {
    case "struct":
      return { type: "struct", fields: t.fields.map((f) => ({ name: f.name, type: typeJson(f.dataType), nullable: f.nullable, metadata: f.metadata })) };
    case "array":
      return { type: "array", elementType: typeJson(t.elementType), containsNull: t.containsNull };
    case "map":
      return { type: "map", keyType: typeJson(t.keyType), valueType: typeJson(t.valueType), valueContainsNull: t.valueContainsNull };
    default:
      return t.typeName();
  }
}

/**
 * Spark's DataType.equalsIgnoreNameAndCompatibleNullability(from = the new schema, to = the stored
 * one): same shape and atomic types, field names ignored, and nothing nullable in the new schema
 * that was not nullable in the stored one.
 */
export function compatible(from: TypeJson, to: TypeJson): boolean {
  if (typeof from === "string" || typeof to === "string") return from === to;
  if (from.type === "array" && to.type === "array") {
    return (to.containsNull || !from.containsNull) && compatible(from.elementType, to.elementType);
  }
  if (from.type === "map" && to.type === "map") {
    return (to.valueContainsNull || !from.valueContainsNull) && compatible(from.keyType, to.keyType) && compatible(from.valueType, to.valueType);
  }
  if (from.type === "struct" && to.type === "struct") {
    return from.fields.length === to.fields.length &&
      from.fields.every((f, i) => (to.fields[i]!.nullable || !f.nullable) && compatible(f.type, to.fields[i]!.type));
  }
  return false;
}

function isTypeJson(v: unknown): v is TypeJson {
  if (typeof v === "string") return true;
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case "struct":
      return Array.isArray(o.fields) && o.fields.every((f) =>
        typeof f === "object" && f !== null && typeof f.name === "string" && typeof f.nullable === "boolean" && isTypeJson(f.type));
    case "array":
      return typeof o.containsNull === "boolean" && isTypeJson(o.elementType);
    case "map":
      return typeof o.valueContainsNull === "boolean" && isTypeJson(o.keyType) && isTypeJson(o.valueType);
    default:
      return false;
  }
}
