import { describe, expect, test } from "bun:test";
import { INT, STRING } from "../../types/data_type.ts";
import { call } from "../expr_test_kit.ts";

describe("lower and upper", () => {
  test("Unicode case mapping as Java", () => {
    expect(call("lower", [["ÄBC", STRING]])).toBe("äbc");
    expect(call("upper", [["straße", STRING]])).toBe("STRASSE");
    expect(call("upper", [["ǆ", STRING]])).toBe("Ǆ");
    expect(call("upper", [["ǅ", STRING]])).toBe("Ǆ");
    expect(call("lower", [["İ", STRING]])).toBe("i̇");
    expect(call("lower", [["ΑΣ", STRING]])).toBe("ας");
    expect(call("lower", [[1, INT]])).toBe("1");
    expect(call("upper", [[null, STRING]])).toBe(null);
    expect(call("lcase", [["A", STRING]])).toBe("a");
    expect(call("ucase", [["a", STRING]])).toBe("A");
  });
});
