import { describe, expect, test } from "bun:test";
import { callArguments, isKeywordObject, optionText } from "./keyword_arguments.ts";
import { StructType } from "../types/data_type.ts";

describe("callArguments binds as Python binds a call to PySpark's signature", () => {
  test("positional in order, then keywords; None (null/undefined) is not set", () => {
    expect(callArguments("DataStreamReader.load", ["/d", "json", null, { maxFilesPerTrigger: 1, latestFirst: undefined }]))
      .toEqual({ named: { path: "/d", format: "json" }, options: { maxFilesPerTrigger: 1 } });
    expect(callArguments("DataStreamReader.csv", ["/d", { header: true, sep: ";" }])).toEqual({ named: { path: "/d", header: true, sep: ";" }, options: {} });
    expect(callArguments("DataStreamWriter.start", [undefined, undefined])).toEqual({ named: {}, options: {} });
  });

  test("too many positional arguments, a keyword twice, or one the method lacks, as Python's TypeError", () => {
    expect(() => callArguments("DataStreamReader.text", ["/d", true, "\n", "*.txt", false, "extra"]))
      .toThrow("text() takes at most 5 positional arguments but 6 were given.");
    expect(() => callArguments("DataStreamReader.json", ["/d", "a INT", { schema: "a INT" }])).toThrow("json() got multiple values for argument 'schema'.");
    expect(() => callArguments("DataStreamReader.parquet", ["/d", { mergeSchema: true, header: true }])).toThrow("parquet() got an unexpected keyword argument 'header'.");
  });

  test("a keyword object is a plain object literal, not a StructType or a list", () => {
    expect(isKeywordObject({ a: 1 })).toBe(true);
    expect(isKeywordObject(Object.create(null))).toBe(true);
    expect(isKeywordObject(new StructType([]))).toBe(false);
    expect(isKeywordObject(["p"])).toBe(false);
  });

  test("option values as PySpark's to_str writes them", () => {
    expect([optionText("k", true), optionText("k", 5), optionText("k", "x")]).toEqual(["true", "5", "x"]);
    expect(() => optionText("k", { a: 1 })).toThrow("Option `k` should be a str, bool, int or float, got object.");
  });
});
