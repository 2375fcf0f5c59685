import { describe, expect, test } from "bun:test";
import { DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT, LONG, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, expectError, lit, ref, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const SECOND = new DayTimeIntervalType(3, 3);
const BY_ZERO = `[DIVIDE_BY_ZERO] Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012`;

describe("divide", () => {
  test("integers divide as doubles", () => {
    expect(typeOf("divide", [[10, INT], [3, INT]])).toBe("double");
    expect(call("divide", [[10, INT], [3, INT]])).toBe(3.3333333333333335);
    expect(typeOf("divide", [[1, FLOAT], [2, FLOAT]])).toBe("double");
    expect(typeOf("divide", [["6", STRING], [2, INT]])).toBe("double");
    expect(typeOf("divide", [[null, NULL], [null, NULL]])).toBe("double");
    expect(bindFn("divide", [ref(0, INT, false), ref(1, INT, false)]).nullable).toBe(true);
  });

  test("division by zero", () => {
    expectError(() => call("divide", [[1, INT], [0, INT]]), "DIVIDE_BY_ZERO", BY_ZERO);
    expectError(() => call("divide", [[1, DOUBLE], [0, DOUBLE]]), "DIVIDE_BY_ZERO", BY_ZERO);
    expectError(() => call("divide", [[10n, D(2, 1)], [0n, D(1, 0)]]), "DIVIDE_BY_ZERO", BY_ZERO);
    expect(call("divide", [[1, INT], [0, INT]], { ansi: false })).toBe(null);
  });

  test("decimals", () => {
    expect(bindFn("divide", [lit(100n, D(3, 1)), lit(3, INT)]).type.simpleString()).toBe("decimal(8,6)");
    expect(call("divide", [[100n, D(3, 1)], [3n, D(1, 0)]])).toBe(3333333n);
    expect(typeOf("divide", [[10n, D(10, 0)], [3n, D(10, 0)]])).toBe("decimal(21,11)");
    expect(call("divide", [[10n, D(10, 0)], [3n, D(10, 0)]])).toBe(333333333333n);
    expect(call("divide", [[1n, D(38, 0)], [3n, D(38, 0)]])).toBe(333333n);
    expect(call("divide", [[20000000000000000000000000000000000000n, D(38, 37)], [3n, D(1, 0)]])).toBe(6666666666666666666666666666666666667n);
    expect(call("divide", [[1000000000000000000n, D(38, 18)], [7000000000000000000n, D(38, 18)]])).toBe(142857n);
    expect(call("divide", [[-10n, D(2, 0)], [3n, D(1, 0)]])).toBe(-3333333n);
  });

  test("intervals divided by numbers (HALF_UP)", () => {
    expect(call("divide", [[5, SECOND], [2, DOUBLE]])).toBe(3);
    expect(call("divide", [[7, SECOND], [2, DOUBLE]])).toBe(4);
    expect(call("divide", [[5, SECOND], [2, INT]])).toBe(3);
    expect(call("divide", [[5, SECOND], [20n, D(2, 1)]])).toBe(3);
    expect(call("divide", [[86400000000, new DayTimeIntervalType(0, 0)], [2, LONG]])).toBe(43200000000);
    expectError(() => call("divide", [[5, SECOND], [0, INT]]), "INTERVAL_DIVIDED_BY_ZERO",
      "[INTERVAL_DIVIDED_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. SQLSTATE: 22012");
  });
});
