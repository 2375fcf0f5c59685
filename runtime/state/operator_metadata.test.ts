import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { operatorMetadataPath, readOperatorMetadata, resolveOperatorPartitions, writeOperatorMetadata } from "./operator_metadata.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-op-metadata-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const stateDir = () => join(root, `state-${n++}`);
const aggregate = { operatorId: 0, operatorName: "stateStoreSave", stores: [{ name: "default" }] };

test("written as Spark 4 writes it (PySpark's file for a windowed aggregation, byte for byte)", () => {
  const dir = stateDir();
  expect(resolveOperatorPartitions(dir, aggregate, 3)).toBe(3);
  expect(readFileSync(operatorMetadataPath(dir, 0), "utf8")).toBe(
    'v1\n{"operatorInfo":{"operatorId":0,"operatorName":"stateStoreSave"},"stateStoreInfo":[{"storeName":"default","numColsPrefixKey":0,"numPartitions":3}]}',
  );
});

test("Spark's own file reads back; its partition count wins over the query's", () => {
  const dir = stateDir();
  mkdirSync(join(dir, "1", "_metadata"), { recursive: true });
  writeFileSync(operatorMetadataPath(dir, 1),
    'v1\n{"operatorInfo":{"operatorId":1,"operatorName":"sessionWindowStateStoreSaveExec"},"stateStoreInfo":[{"storeName":"default","numColsPrefixKey":1,"numPartitions":3}]}');
  expect(readOperatorMetadata(dir, 1)?.stateStoreInfo[0]).toEqual({ storeName: "default", numColsPrefixKey: 1, numPartitions: 3 });
  const op = { operatorId: 1, operatorName: "sessionWindowStateStoreSaveExec", stores: [{ name: "default", numColsPrefixKey: 1 }] };
  expect(resolveOperatorPartitions(dir, op, 8)).toBe(3);
});

test("several stores are listed in the order the operator declares them", () => {
  const dir = stateDir();
  const join4 = { operatorId: 2, operatorName: "symmetricHashJoin", stores: ["left-keyToNumValues", "left-keyWithIndexToValue"].map((name) => ({ name })) };
  resolveOperatorPartitions(dir, join4, 4);
  expect(readOperatorMetadata(dir, 2)?.stateStoreInfo.map((s) => s.storeName)).toEqual(["left-keyToNumValues", "left-keyWithIndexToValue"]);
  expect(resolveOperatorPartitions(dir, join4, 9)).toBe(4);
  expect(() => resolveOperatorPartitions(dir, { ...join4, stores: [{ name: "default" }] }, 4)).toThrow("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA");
});

test("another operator is refused", () => {
  const dir = stateDir();
  resolveOperatorPartitions(dir, aggregate, 3);
  expect(() => resolveOperatorPartitions(dir, { ...aggregate, operatorName: "dedupe" }, 3)).toThrow(
    "Stateful operators in the metadata: [(OperatorId: 0 -> OperatorName: stateStoreSave)]; Stateful operators in current batch: [(OperatorId: 0 -> OperatorName: dedupe)].",
  );
});

test("state from before v2 (partition 0 and a schema, no metadata) keeps one partition", () => {
  const dir = stateDir();
  mkdirSync(join(dir, "0", "0"), { recursive: true });
  mkdirSync(join(dir, "0", "_metadata"));
  writeFileSync(join(dir, "0", "_metadata", "schema"), "{}");
  const logged: string[] = [];
  expect(resolveOperatorPartitions(dir, aggregate, 8, (m) => void logged.push(m))).toBe(1);
  expect(logged[0]).toContain("keeps its 1 partition");
  expect(readOperatorMetadata(dir, 0)?.stateStoreInfo[0]?.numPartitions).toBe(1);
});

test("damaged or unknown files are reported with their path", () => {
  const dir = stateDir();
  mkdirSync(join(dir, "0", "_metadata"), { recursive: true });
  for (const [text, why] of [["v1\n{", "not valid JSON"], ["v9\n{}", 'expected a "v1" line'], ["v1\n{}", "expected operatorInfo"], ["v2\n{}", "version 2"]]) {
    writeFileSync(operatorMetadataPath(dir, 0), text!);
    expect(() => readOperatorMetadata(dir, 0)).toThrow(why!);
  }
  writeOperatorMetadata(dir, { operatorInfo: { operatorId: 0, operatorName: "dedupe" }, stateStoreInfo: [{ storeName: "default", numColsPrefixKey: 0, numPartitions: 2 }] });
  expect(readOperatorMetadata(dir, 0)?.operatorInfo.operatorName).toBe("dedupe");
});
