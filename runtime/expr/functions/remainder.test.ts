import { describe, expect, test } from "bun:test";
import { DecimalType, DOUBLE, INT, LONG, NULL } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);

describe("remainder (%)", () => {
  test("sign of the dividend, as Java", () => {
    expect(call("mod", [[7, INT], [-3, INT]])).toBe(1);
    expect(call("mod", [[-7, INT], [3, INT]])).toBe(-1);
    expect(Object.is(call("mod", [[-4, INT], [2, INT]]), 0)).toBe(true);
    expect(call("mod", [[-7.5, DOUBLE], [2, INT]])).toBe(-1.5);
    expect(call("mod", [[-75n, D(2, 1)], [2n, D(1, 0)]])).toBe(-15n);
    expect(call("mod", [[9007199254740993, LONG], [10, LONG]])).toBe(2);
    expect(call("remainder", [[-2147483648, INT], [-1, INT]])).toBe(0);
  });

  test("decimal result type", () => {
    expect(typeOf("mod", [[1000n, D(10, 2)], [30n, D(5, 1)]])).toBe("decimal(6,2)");
    expect(call("mod", [[1000n, D(10, 2)], [30n, D(5, 1)]])).toBe(100n);
    expect(call("mod", [[-1050n, D(10, 2)], [30n, D(5, 1)]])).toBe(-150n);
    expect(typeOf("mod", [[null, NULL], [null, NULL]])).toBe("double");
  });

  test("by zero", () => {
    const msg = `[REMAINDER_BY_ZERO] Remainder by zero. Use \`try_mod\` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012`;
    expectError(() => call("mod", [[1, INT], [0, INT]]), "REMAINDER_BY_ZERO", msg);
    expectError(() => call("mod", [[1, DOUBLE], [0, DOUBLE]]), "REMAINDER_BY_ZERO", msg);
    expect(call("mod", [[1, INT], [0, INT]], { ansi: false })).toBe(null);
  });
});
