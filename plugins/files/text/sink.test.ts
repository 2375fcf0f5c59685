import { expect, test } from "bun:test";
import { join } from "node:path";
import { sinkConformance } from "sluice/testing";
import { parseSchemaDDL } from "sluice/plugin-sdk";
import { readAll } from "../test_files.ts";
import source from "./source.ts";
import sink from "./sink.ts";

const SCHEMA = "value STRING";

sinkConformance(sink, {
  options: (env) => ({ path: join(env.dataDir, "out") }),
  schema: parseSchemaDDL(SCHEMA),
  rows: [["a"], ["b"]],
  checkRestart: true,
  readBack: (env) => readAll(source, { path: join(env.dataDir, "out") }, { ddl: SCHEMA }),
});

test("the text sink is append-only and needs a checkpoint, like Spark's file sink", () => {
  expect(sink.name).toBe("text");
  expect(sink.outputModes).toEqual(["append"]);
  expect(sink.requiresCheckpoint).toBe(true);
});
