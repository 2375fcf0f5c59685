import { expect, test } from "bun:test";
import { defineSink, defineSource } from "./contract.ts";
import { formatPluginDescription, formatPluginList } from "./describe.ts";

const create = () => {
  throw new Error("not used");
};
const schema = () => {
  throw new Error("not used");
};

const feed = defineSource({
  name: "feed",
  summary: "Reads a feed.",
  userSchema: "optional",
  options: {
    type: "object",
    required: ["url"],
    properties: {
      url: { type: "string", description: "Where the feed is." },
      mode: { enum: ["poll", "push"], default: "poll" },
      every: { type: "string", format: "duration", default: "10s", description: "How often to poll." },
      tags: { type: "array", items: { type: "string" } },
      port: { anyOf: [{ type: "integer" }, { type: "string" }] },
    },
    patternProperties: { "^http\\.": { type: "string", description: "Passed to the HTTP client." } },
  },
  examples: [{ title: "Poll every minute", options: { url: "https://example.com/feed", every: "1m" } }],
  schema,
  create,
});

const store = defineSink({
  name: "store",
  summary: "Writes to a store.",
  outputModes: ["append", "update"],
  requiresCheckpoint: true,
  options: { type: "object", properties: {} },
  create,
});

test("the list has one aligned line per plugin, user plugins showing their file", () => {
  expect(formatPluginList([
    { definition: feed, origin: "builtin" },
    { definition: store, origin: "/plugins/store.ts" },
  ])).toBe(
    [
      "NAME   KIND    SUMMARY",
      "feed   source  Reads a feed.",
      "store  sink    Writes to a store. (from /plugins/store.ts)",
      "",
    ].join("\n"),
  );
  expect(formatPluginList([])).toBe("No plugins registered.\n");
});

test("a source's description lists every option, then the examples", () => {
  expect(formatPluginDescription(feed)).toBe(
    [
      "feed (source)",
      "  Reads a feed.",
      "",
      "Schema: may be given with .schema(...).",
      "",
      "Options:",
      "  url  (string; required)",
      "      Where the feed is.",
      '  mode  (enum; default: "poll")',
      '      One of: "poll", "push"',
      '  every  (duration, e.g. "5s", "100ms"; default: "10s")',
      "      How often to poll.",
      "  tags  (list of string)",
      "  port  (integer or string)",
      "  /^http\\./  (string)",
      "      any option whose name matches: Passed to the HTTP client.",
      "",
      "Examples:",
      "  Poll every minute",
      '    .option("url", "https://example.com/feed")',
      '    .option("every", "1m")',
      "",
    ].join("\n"),
  );
});

test("a sink's description gives its output modes and checkpoint need", () => {
  expect(formatPluginDescription(store, "/plugins/store.ts")).toBe(
    [
      "store (sink)",
      "  Writes to a store.",
      "",
      "Loaded from: /plugins/store.ts",
      "Output modes: append, update",
      "Requires a checkpointLocation.",
      "",
      "Options: none.",
      "",
    ].join("\n"),
  );
});

test("long descriptions are wrapped", () => {
  const wordy = defineSource({
    name: "wordy",
    summary: "s",
    options: { type: "object", properties: { a: { type: "string", description: "word ".repeat(30).trim() } } },
    schema,
    create,
  });
  const lines = formatPluginDescription(wordy).split("\n").filter((l) => l.startsWith("      word"));
  expect(lines.length).toBe(2);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(82);
});
