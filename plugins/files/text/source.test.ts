import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceConformance } from "sluice/testing";
import { parseSchemaDDL } from "sluice/plugin-sdk";
import { dataDirOptions, readAll, writeFile } from "../test_files.ts";
import text from "./source.ts";

sourceConformance(text, {
  options: dataDirOptions(),
  produce: (env, batch) => writeFile(join(env.dataDir, `f${batch}.txt`), `line ${batch}\nmore ${batch}\n`, 1_700_000_000_000 + batch),
});

const dir = () => mkdtempSync(join(tmpdir(), "sluice-text-"));

describe("text source (as PySpark 4.1.1)", () => {
  test("one row per line: \\r\\n and \\r end lines, empty lines are kept, no row after the last terminator", async () => {
    const d = dir();
    writeFile(join(d, "a.txt"), "l1\r\nl2\n\nl3");
    writeFile(join(d, "b.txt"), "x|y|z\n");
    expect(await readAll(text, { path: d })).toEqual([["l1"], ["l2"], [""], ["l3"], ["x|y|z"]]);
    expect(await readAll(text, { path: d, lineSep: "|" })).toEqual([["l1\r\nl2\n\nl3"], ["x"], ["y"], ["z\n"]]);
  });
  test("wholetext: one row per file", async () => {
    const d = dir();
    writeFile(join(d, "a.txt"), "l1\nl2\n");
    expect(await readAll(text, { path: d, wholetext: true })).toEqual([["l1\nl2\n"]]);
  });
  test("the schema is one STRING column; readStream needs no schema", () => {
    const d = dir();
    expect(text.schema({ path: d } as never, undefined, { streaming: true, conf: () => undefined }).simpleString()).toBe("struct<value:string>");
    expect(text.schema({ path: d } as never, parseSchemaDDL("line STRING")).simpleString()).toBe("struct<line:string>");
    expect(() => text.schema({ path: d } as never, parseSchemaDDL("a INT"))).toThrow(
      '[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn\'t support the column `a` of the type "INT".',
    );
    expect(() => text.schema({ path: d } as never, parseSchemaDDL("a STRING, b STRING"))).toThrow(
      "Text data source supports only a single column, and you have 2 columns.",
    );
  });
  test("partition columns follow the value column", async () => {
    const d = dir();
    writeFile(join(d, "level=warn", "a.log"), "disk full\n");
    expect(await readAll(text, { path: d })).toEqual([["disk full", "warn"]]);
  });
});
