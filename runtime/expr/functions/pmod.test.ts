import { describe, expect, test } from "bun:test";
import { BYTE, DecimalType, DOUBLE, INT } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

describe("pmod", () => {
  test("positive remainder", () => {
    expect(call("pmod", [[-7, INT], [3, INT]])).toBe(2);
    expect(call("pmod", [[7, INT], [-3, INT]])).toBe(1);
    expect(call("pmod", [[-7, DOUBLE], [3, INT]])).toBe(2);
    expect(call("pmod", [[-75n, new DecimalType(2, 1)], [2n, new DecimalType(1, 0)]])).toBe(5n);
    expect(typeOf("pmod", [[-7, BYTE], [3, BYTE]])).toBe("tinyint");
    expect(call("pmod", [[-7, BYTE], [3, BYTE]])).toBe(2);
    expectError(() => call("pmod", [[7, INT], [0, INT]]), "REMAINDER_BY_ZERO");
    expect(call("pmod", [[7, INT], [0, INT]], { ansi: false })).toBe(null);
  });
});
