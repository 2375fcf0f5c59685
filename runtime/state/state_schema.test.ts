import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { ArrayType, DecimalType, INT, LONG, MapType, STRING, StructField, StructType, TIMESTAMP } from "../types/data_type.ts";
import { checkStateSchema, stateSchemaPath, typeJson } from "./state_schema.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-state-schema-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshStateDir = () => join(root, `checkpoint-${n++}`, "state");

const struct = (...fields: [string, StructType["fields"][number]["dataType"], boolean?][]) =>
  new StructType(fields.map(([name, t, nullable]) => new StructField(name, t, nullable ?? true)));
const window = struct(["start", TIMESTAMP], ["end", TIMESTAMP]);
const countByWord = {
  operatorName: "stateStoreSave",
  keySchema: struct(["window", window, false], ["word", STRING]),
  valueSchema: struct(["count", LONG, false]),
};

function error(f: () => unknown): SluiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

test("the first run writes <state>/<operatorId>/_metadata/schema", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 3, countByWord);
  const path = stateSchemaPath(dir, 3);
  expect(path).toBe(join(dir, "3", "_metadata", "schema"));
  const file = JSON.parse(readFileSync(path, "utf8"));
  expect(file).toMatchObject({
    version: 1,
    operatorName: "stateStoreSave",
    keySchema: "struct<window:struct<start:timestamp,end:timestamp>,word:string>",
    valueSchema: "struct<count:bigint>",
  });
  expect(file.valueSchemaJson).toEqual({ type: "struct", fields: [{ name: "count", type: "long", nullable: false, metadata: {} }] });
});

test("a restart with the same schema passes", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  checkStateSchema(dir, 0, countByWord);
});

test("renamed fields are compatible; the file keeps the schema the state was written with", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  checkStateSchema(dir, 0, { ...countByWord, keySchema: struct(["w", window, false], ["token", STRING]) });
  expect(JSON.parse(readFileSync(stateSchemaPath(dir, 0), "utf8")).keySchema).toBe("struct<window:struct<start:timestamp,end:timestamp>,word:string>");
});

test("a different key schema is refused with Spark's error", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  const e = error(() => checkStateSchema(dir, 0, { ...countByWord, keySchema: struct(["word", STRING]) }));
  expect(e.code).toBe("STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE");
  expect(e.sqlState).toBe("XXKST");
  expect(e.bareMessage).toBe(
    "Provided key schema does not match existing state key schema.\n" +
    "Please check number and type of fields.\n" +
    "Existing key_schema=struct<window:struct<start:timestamp,end:timestamp>,word:string> and new key_schema=struct<word:string>.\n" +
    "If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\n" +
    "However, please note that running the query with incompatible schema could cause non-deterministic behavior.",
  );
  expect(e.hint).toContain(stateSchemaPath(dir, 0));
});

test("a different value schema is refused", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  const e = error(() => checkStateSchema(dir, 0, { ...countByWord, valueSchema: struct(["sum", new DecimalType(20, 2)]) }));
  expect(e.code).toBe("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE");
  expect(e.message).toContain("Existing value_schema=struct<count:bigint> and new value_schema=struct<sum:decimal(20,2)>.");
});

test("stateSchemaCheck false skips the schema check", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  checkStateSchema(dir, 0, { ...countByWord, valueSchema: struct(["x", STRING]) }, { stateSchemaCheck: false });
});

test("another operator is refused", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 1, { operatorName: "dedupe", keySchema: struct(["value", INT]), valueSchema: struct() });
  const e = error(() => checkStateSchema(dir, 1, countByWord));
  expect(e.code).toBe("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA");
  expect(e.sqlState).toBe("42K03");
  expect(e.bareMessage).toBe(
    "Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\n" +
    "Stateful operators in the metadata: [(OperatorId: 1 -> OperatorName: dedupe)]; Stateful operators in current batch: [(OperatorId: 1 -> OperatorName: stateStoreSave)].",
  );
});

test("nullability: a field may become non-nullable, not nullable (as Spark)", () => {
  const dir = freshStateDir();
  const stored = { operatorName: "stateStoreSave", keySchema: struct(["a", INT, false], ["b", new ArrayType(INT, true)]), valueSchema: struct() };
  checkStateSchema(dir, 0, stored);
  expect(error(() => checkStateSchema(dir, 0, { ...stored, keySchema: struct(["a", INT, true], ["b", new ArrayType(INT, true)]) })).code)
    .toBe("STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE");
  checkStateSchema(dir, 0, { ...stored, keySchema: struct(["a", INT, false], ["b", new ArrayType(INT, false)]) });
  checkStateSchema(dir, 0, stored);
});

test("Spark's JSON form of types", () => {
  expect(typeJson(new MapType(STRING, new ArrayType(new DecimalType(10, 2), false)))).toEqual({
    type: "map", keyType: "string", valueType: { type: "array", elementType: "decimal(10,2)", containsNull: false }, valueContainsNull: true,
  });
  expect(typeJson(INT)).toBe("integer");
  expect(typeJson(LONG)).toBe("long");
});

test("a damaged schema file is reported with its path", () => {
  const dir = freshStateDir();
  checkStateSchema(dir, 0, countByWord);
  const path = stateSchemaPath(dir, 0);
  writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
  const e = error(() => checkStateSchema(dir, 0, countByWord));
  expect(e.code).toBe("CHECKPOINT_CORRUPT");
  expect(e.message).toContain(path);
  writeFileSync(path, JSON.stringify({ operatorName: "stateStoreSave" }));
  expect(error(() => checkStateSchema(dir, 0, countByWord)).message).toContain("expected operatorName, keySchema, valueSchema");
});
