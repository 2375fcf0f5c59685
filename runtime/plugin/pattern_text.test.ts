import { expect, test } from "bun:test";
import { caseInsensitiveWords, patternText } from "./pattern_text.ts";
import { formatPluginDescription } from "./describe.ts";
import { validateOptions } from "./validate_options.ts";
import { PluginRegistry } from "./registry.ts";
import { registerBuiltins } from "./builtins.ts";

test("a case-insensitive alternation reads as its words", () => {
  expect(caseInsensitiveWords("^([Oo][Ff][Ff]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Aa][Rr][Cc][Hh][Ii][Vv][Ee])$")).toEqual(["off", "delete", "archive"]);
  expect(caseInsensitiveWords("^([Ll][Zz]4|[Zz][Ss][Tt][Dd])$")).toEqual(["lz4", "zstd"]);
  expect(patternText("^([Nn][Oo][Nn][Ee]|[Gg][Zz][Ii][Pp])$")).toBe("one of none, gzip (any case)");
});

test("any other pattern is shown as the regex", () => {
  expect(caseInsensitiveWords("^https?://")).toBeUndefined();
  expect(caseInsensitiveWords("^(a|b)$")).toBeUndefined();
  expect(patternText("^https?://")).toBe("matching /^https?:///");
});

test("plugins describe json and its option errors name cleanSource's values, not a regex", () => {
  const registry = new PluginRegistry();
  registerBuiltins(registry);
  const json = registry.find("source", "json")!.definition;
  const text = formatPluginDescription(json);
  expect(text).toContain('cleanSource  (string; default: "off"; one of off, delete, archive (any case))');
  expect(text).not.toContain("[Oo][Ff][Ff]");
  let message = "";
  try {
    validateOptions(json, { path: "/tmp", cleanSource: "remove" });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain("option 'cleanSource': expected one of off, delete, archive (any case), given \"remove\"");
});
