import { expect, test } from "bun:test";
import { definitionProblems } from "./check_definition.ts";

const create = () => {
  throw new Error("not used");
};
const schema = () => {
  throw new Error("not used");
};
const base = { kind: "source", name: "demo", summary: "Demo.", options: { type: "object", properties: {} }, schema, create };

test("a well-formed definition has no problems", () => {
  expect(definitionProblems(base)).toEqual([]);
  expect(definitionProblems({ ...base, kind: "sink", outputModes: ["append", "complete"] })).toEqual([]);
});

test("a value that is not a definition says what it is", () => {
  expect(definitionProblems(undefined)).toEqual([
    "expected a plugin definition made by defineSource(...) or defineSink(...), found nothing (is there a default export?)",
  ]);
  expect(definitionProblems(() => 1)[0]).toContain("found a function");
});

test("each missing or wrong field is named", () => {
  const { kind: _k, ...noKind } = base;
  expect(definitionProblems({ ...noKind, name: "", summary: " ", create: 1, options: [] })).toEqual([
    "it has no `kind`: wrap the definition in defineSource(...) or defineSink(...)",
    "`name` must be a non-empty string",
    "`summary` must be a non-empty string",
    "`create` must be a function",
    '`options` must be a JSON Schema object describing the options (use { type: "object", properties: {} } for none)',
  ]);
  expect(definitionProblems({ ...base, name: "my source" })[0]).toContain("may only hold letters");
  expect(definitionProblems({ ...base, userSchema: "sometimes" })[0]).toContain("`userSchema`");
  expect(definitionProblems({ ...base, schema: undefined })).toEqual(["`schema` must be a function (options, userSchema) => StructType"]);
  expect(definitionProblems({ ...base, pushdown: { columns: true, filters: false } })).toEqual([]);
  for (const pushdown of [true, { columns: "yes" }, { rows: true }]) {
    expect(definitionProblems({ ...base, pushdown })).toEqual(["`pushdown` must be an object with optional boolean `columns` and `filters`"]);
  }
});

test("sinks must list valid output modes", () => {
  expect(definitionProblems({ ...base, kind: "sink" })[0]).toContain("`outputModes` must list");
  expect(definitionProblems({ ...base, kind: "sink", outputModes: ["append", "upsert"] })).toEqual([
    '`outputModes` has "upsert"; expected "append", "update" or "complete"',
  ]);
  expect(definitionProblems({ ...base, kind: "sink", outputModes: ["append", "append"] })).toEqual([
    "`outputModes` lists a mode twice",
  ]);
});

test("the options schema must compile, name its required options and not clash in case", () => {
  expect(definitionProblems({ ...base, options: { type: "object", properties: { a: { type: "strin" } } } })[0])
    .toContain("`options` is not a valid JSON Schema");
  expect(definitionProblems({ ...base, options: { type: "object", properties: { a: {} }, required: ["b"] } })).toEqual([
    "`options.required` names 'b', which is not in `options.properties`",
  ]);
  expect(definitionProblems({ ...base, options: { type: "object", properties: { path: {}, Path: {} } } })).toEqual([
    "options 'path' and 'Path' differ only in case; option names are case-insensitive",
  ]);
  expect(definitionProblems({ ...base, options: { type: "array" } })[0]).toContain('`options.type` is "array"');
});

test("examples must be valid options for the plugin", () => {
  const options = { type: "object", additionalProperties: false, properties: { n: { type: "integer" } } };
  expect(definitionProblems({ ...base, options, examples: [{ title: "ok", options: { n: 1 } }] })).toEqual([]);
  expect(definitionProblems({ ...base, options, examples: [{ title: "bad", options: { n: "x", m: 1 } }] })).toEqual([
    "`examples[0]` (bad) has invalid options: option 'n': expected an integer, given \"x\"",
    "`examples[0]` (bad) has invalid options: option 'm': unknown option (known options: n)",
  ]);
});
