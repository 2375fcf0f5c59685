import { expect, test } from "bun:test";
import { join } from "node:path";
import { sinkConformance } from "sluice/testing";
import { parseSchemaDDL } from "sluice/plugin-sdk";
import { readAll } from "../test_files.ts";
import source from "./source.ts";
import sink from "./sink.ts";

const SCHEMA = "id BIGINT, name STRING, ts TIMESTAMP";

sinkConformance(sink, {
  options: (env) => ({ path: join(env.dataDir, "out") }),
  schema: parseSchemaDDL(SCHEMA),
  rows: [[1, "a", 1704103200000000], [2, null, null]],
  checkRestart: true,
  readBack: (env) => readAll(source, { path: join(env.dataDir, "out") }, { ddl: SCHEMA }),
});

test("the json sink is append-only and needs a checkpoint, like Spark's file sink", () => {
  expect(sink.name).toBe("json");
  expect(sink.outputModes).toEqual(["append"]);
  expect(sink.requiresCheckpoint).toBe(true);
});
