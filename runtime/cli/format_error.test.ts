import { describe, expect, test } from "bun:test";
import { SluiceError, internalError, userError } from "../errors.ts";
import { formatError } from "./format_error.ts";

describe("formatError", () => {
  test("a SluiceError prints its code once, its message and its hint on its own line", () => {
    const err = userError("DIVIDE_BY_ZERO", "Division by zero.", { sqlState: "22012", hint: "Use try_divide." });
    expect(formatError(err)).toBe("error [DIVIDE_BY_ZERO]: Division by zero. SQLSTATE: 22012\nhint: Use try_divide.\n");
  });

  test("a SluiceError without a hint", () => {
    expect(formatError(userError("PATH_NOT_FOUND", "Path does not exist: /x.")))
      .toBe("error [PATH_NOT_FOUND]: Path does not exist: /x.\n");
  });

  test("a Node-style error code is shown the same way", () => {
    const err = Object.assign(new Error("no such file or directory, open 'x'"), { code: "ENOENT" });
    expect(formatError(err)).toBe("error [ENOENT]: no such file or directory, open 'x'\n");
  });

  test("errors without a code and internal errors show where they were thrown", () => {
    const plain = formatError(new TypeError("x is not a function"));
    expect(plain).toStartWith("error: x is not a function\n    at ");
    expect(plain).toContain("format_error.test.ts");
    expect(formatError(internalError("state store lost a key"))).toMatch(
      /^error \[INTERNAL_ERROR\]: state store lost a key SQLSTATE: XX000\n\s+at /,
    );
  });

  test("causes follow, one per line", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9092"), { code: "ECONNREFUSED" });
    const err = new SluiceError("KAFKA_UNAVAILABLE", "Cannot reach the broker.", { kind: "external", cause });
    expect(formatError(err)).toBe(
      "error [KAFKA_UNAVAILABLE]: Cannot reach the broker.\ncaused by [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:9092\n",
    );
  });

  test("thrown non-errors", () => {
    expect(formatError("just a string")).toBe("error: just a string\n");
    expect(formatError(42)).toBe("error: 42\n");
  });
});
