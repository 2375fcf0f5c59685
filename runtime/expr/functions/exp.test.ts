import { describe, expect, test } from "bun:test";
import { DOUBLE, INT, STRING } from "../../types/data_type.ts";
import { call } from "../expr_test_kit.ts";
import { strictExp, strictLog, strictLog10 } from "../fdlibm.ts";

describe("exp and logarithms (StrictMath, checked against PySpark 4.1.1)", () => {
  test("exp", () => {
    expect(call("exp", [[1, INT]])).toBe(2.7182818284590455);
    expect(call("exp", [[0.5, DOUBLE]])).toBe(1.6487212707001282);
    expect(call("exp", [["0", STRING]])).toBe(1);
    expect(strictExp(-745.2)).toBe(0);
    expect(strictExp(710)).toBe(Infinity);
    expect(strictExp(-Infinity)).toBe(0);
    expect(strictExp(NaN)).toBeNaN();
  });

  test("ln, log, log10, log2: NULL for non-positive input", () => {
    expect(call("ln", [[2, INT]])).toBe(0.6931471805599453);
    expect(call("ln", [[0, INT]])).toBe(null);
    expect(call("ln", [[-1, INT]])).toBe(null);
    expect(call("log", [[10, INT], [100, INT]])).toBe(2);
    expect(call("log", [[Math.E, DOUBLE]])).toBe(1);
    expect(call("log", [[0, INT], [100, INT]])).toBe(null);
    expect(call("log10", [[1000, INT]])).toBe(3);
    expect(call("log2", [[8, INT]])).toBe(3);
    expect(strictLog10(2)).toBe(0.3010299956639812);
    expect(strictLog(1e-310)).toBe(-713.8013788281542);
    expect(strictLog(Infinity)).toBe(Infinity);
  });
});
