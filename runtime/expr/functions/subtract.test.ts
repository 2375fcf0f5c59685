import { describe, expect, test } from "bun:test";
import { DATE, DayTimeIntervalType, DecimalType, INT, LONG, STRING, TIMESTAMP, TIMESTAMP_NTZ, YearMonthIntervalType } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

const ts = (s: string) => Date.parse(s + "Z") * 1000;
const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;
const DAY = new DayTimeIntervalType(0, 0);

describe("subtract", () => {
  test("numbers", () => {
    expect(call("subtract", [[5, INT], [7, INT]])).toBe(-2);
    expectError(() => call("subtract", [[-2147483648, INT], [1, INT]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_subtract' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expect(call("subtract", [[150n, new DecimalType(3, 2)], [1n, new DecimalType(1, 0)]])).toBe(50n);
    expect(Object.is(call("subtract", [[2, INT], [2, INT]]), 0)).toBe(true);
  });

  test("date - date is INTERVAL DAY; timestamp - timestamp is INTERVAL DAY TO SECOND", () => {
    expect(typeOf("subtract", [[0, DATE], [0, DATE]])).toBe("interval day");
    expect(call("subtract", [[day("2024-03-01"), DATE], [day("2024-01-01"), DATE]])).toBe(60 * 86400000000);
    expect(call("subtract", [["2024-01-02", STRING], [day("2024-01-01"), DATE]])).toBe(86400000000);
    expect(call("subtract", [[day("2024-01-01"), DATE], ["2023-12-31", STRING]])).toBe(86400000000);
    expect(typeOf("subtract", [[0, TIMESTAMP], [0, TIMESTAMP]])).toBe("interval day to second");
    expect(call("subtract", [[ts("2024-01-02T00:00:00"), TIMESTAMP], [ts("2024-01-01T00:00:00.5"), TIMESTAMP]])).toBe(86399500000);
    expect(call("subtract", [[ts("2024-01-02T00:00:00"), TIMESTAMP], [day("2024-01-01"), DATE]])).toBe(86400000000);
    expect(call("subtract", [[day("2024-01-01"), DATE], [ts("2024-01-01T10:00:00"), TIMESTAMP]])).toBe(-36000000000);
    expect(call("subtract", [[ts("2024-01-02T00:00:00"), TIMESTAMP_NTZ], [ts("2024-01-01T00:00:00"), TIMESTAMP]])).toBe(86400000000);
    // Local date-times: noon to noon across the DST change in Los Angeles is one day (23 hours of instants).
    expect(call("subtract", [[ts("2024-03-10T19:00:00"), TIMESTAMP], [ts("2024-03-09T20:00:00"), TIMESTAMP]], { timeZone: "America/Los_Angeles" }))
      .toBe(24 * 3600000000);
    expectError(() => call("subtract", [[ts("2024-01-01T00:00:00"), TIMESTAMP], [1, INT]], { sql: "(TIMESTAMP '2024-01-01 00:00:00' - 1)", argSql: ["TIMESTAMP '2024-01-01 00:00:00'", "1"] }),
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "(TIMESTAMP '2024-01-01 00:00:00' - 1)" due to data type mismatch: The second parameter requires the "(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)" type, however "1" has the type "INT". SQLSTATE: 22003`.replace("22003", "42K09"));
  });

  test("datetime minus intervals and days", () => {
    expect(call("subtract", [[day("2024-01-01"), DATE], [1, INT]])).toBe(day("2023-12-31"));
    expect(call("subtract", [[ts("2024-01-01T00:00:00"), TIMESTAMP], [93600000000, new DayTimeIntervalType(0, 3)]])).toBe(ts("2023-12-30T22:00:00"));
    expect(call("subtract", [[day("2024-03-31"), DATE], [1, new YearMonthIntervalType(1, 1)]])).toBe(day("2024-02-29"));
    expect(call("subtract", [[day("2024-01-01"), DATE], [86400000000, DAY]])).toBe(day("2023-12-31"));
    expect(call("subtract", [[86400000000, DAY], [7200000000, new DayTimeIntervalType(1, 1)]])).toBe(79200000000);
    expect(typeOf("subtract", [[0, DAY], [0, new DayTimeIntervalType(1, 1)]])).toBe("interval day to hour");
    expect(typeOf("subtract", [[0, LONG], [0, INT]])).toBe("bigint");
  });
});
