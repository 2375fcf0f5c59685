import { expect, test } from "bun:test";
import { definitionProblems } from "./check_definition.ts";
import { defineSource } from "./contract.ts";
import { formatPluginDescription } from "./describe.ts";
import { noEffectOptionsGiven, warnNoEffectOptions } from "./no_effect_options.ts";
import { validateOptions } from "./validate_options.ts";
import { StructType } from "../types/data_type.ts";

const files = defineSource({
  name: "files-with-spark-options",
  summary: "A source that takes Spark's options.",
  options: { type: "object", additionalProperties: false, properties: { path: { type: "string" }, maxFilesPerTrigger: { type: "integer" } } },
  noEffectOptions: { mergeSchema: "the schema comes from .schema(...), never merged from the files", samplingRatio: "schema inference reads every file" },
  unsupportedOptions: { singleVariantColumn: "Sluice has no VARIANT type" },
  schema: () => new StructType([]),
  create: () => { throw new Error("not used"); },
});

test("an option Spark accepts but the plugin does not act on is accepted in any case, and left out", () => {
  expect(validateOptions(files, { path: "/d", MERGESCHEMA: "true", maxfilespertrigger: "2" })).toEqual({ path: "/d", maxFilesPerTrigger: 2 });
  expect(noEffectOptionsGiven(files, { mergeschema: "true", path: "/d", samplingRatio: null })).toEqual([
    ["mergeSchema", "the schema comes from .schema(...), never merged from the files"],
  ]);
});

test("unknown options stay errors, with did-you-mean among every name the plugin knows", () => {
  expect(() => validateOptions(files, { path: "/d", maxFilesPerTriger: 2 })).toThrow("option 'maxFilesPerTriger': unknown option; did you mean 'maxFilesPerTrigger'?");
  expect(() => validateOptions(files, { path: "/d", mergeSchemas: "true" })).toThrow("option 'mergeSchemas': unknown option; did you mean 'mergeSchema'?");
});

test("an option Sluice cannot honour is refused with the reason", () => {
  expect(() => validateOptions(files, { path: "/d", singlevariantcolumn: "v" })).toThrow("option 'singleVariantColumn': not supported by Sluice: Sluice has no VARIANT type");
});

test("the warning comes once per process, naming the option, the plugin and why", () => {
  const lines: string[] = [];
  const log = { info: () => {}, warn: (m: string) => void lines.push(m) };
  warnNoEffectOptions(files, { mergeSchema: "true" }, log);
  warnNoEffectOptions(files, { MergeSchema: "false" }, log);
  expect(lines).toEqual([
    "Option 'mergeSchema' of the files-with-spark-options source has no effect in Sluice: the schema comes from .schema(...), never merged from the files",
  ]);
});

test("plugins describe lists them; a malformed list is a definition problem", () => {
  expect(formatPluginDescription(files)).toContain(
    "Accepted as Spark accepts them, with no effect in Sluice (a warning says so once):\n  mergeSchema\n      the schema comes from .schema(...), never merged from the files\n",
  );
  expect(formatPluginDescription(files)).toContain("Spark options Sluice refuses (ignoring them would change the result):\n  singleVariantColumn\n      Sluice has no VARIANT type\n");
  expect(definitionProblems({ ...files, noEffectOptions: { path: "x", lineSep: "" }, unsupportedOptions: [] })).toEqual([
    "`path` is both an option and in `noEffectOptions`",
    "`noEffectOptions.lineSep` must say why",
    "`unsupportedOptions` must be an object mapping option names to why",
  ]);
});
