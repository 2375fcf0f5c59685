import { expect, test } from "bun:test";
import { join } from "node:path";
import { sinkConformance } from "sluice/testing";
import { parseSchemaDDL } from "sluice/plugin-sdk";
import { readAll } from "../test_files.ts";
import source from "./source.ts";
import sink from "./sink.ts";

const SCHEMA = "id BIGINT, ts TIMESTAMP, price DECIMAL(30,4), st STRUCT<a: INT, b: ARRAY<STRING>>, m MAP<STRING,DOUBLE>";

sinkConformance(sink, {
  options: (env) => ({ path: join(env.dataDir, "out") }),
  schema: parseSchemaDDL(SCHEMA),
  rows: [
    [1, 1704103200000001, 12345678901234567890123n, [1, ["x", null]], new Map([["k", 1.5]])],
    [2, null, null, null, null],
  ],
  checkRestart: true,
  readBack: (env) => readAll(source, { path: join(env.dataDir, "out") }, { ddl: SCHEMA }),
});

test("the parquet sink is append-only and needs a checkpoint, like Spark's file sink", () => {
  expect(sink.name).toBe("parquet");
  expect(sink.outputModes).toEqual(["append"]);
  expect(sink.requiresCheckpoint).toBe(true);
});
