import { describe, expect, test } from "bun:test";
import { parseSchemaDDL } from "../types/ddl.ts";
import { arrowFromRows, rowsFromArrow } from "./arrow_rows.ts";

describe("Arrow IPC rows", () => {
  test("every value keeps its exact engine representation through a round trip", () => {
    const schema = parseSchemaDDL("l BIGINT, i INT, s STRING, b BOOLEAN, d DOUBLE, dec DECIMAL(22,2), ts TIMESTAMP, dt DATE, bin BINARY, "
      + "arr ARRAY<INT>, m MAP<STRING, BIGINT>, st STRUCT<a: INT, t: TIMESTAMP>");
    const rows = [
      [2 ** 53 - 1, -7, "héllo", true, 1.5, -1250n, 1_704_067_200_123_456, 19_724, new Uint8Array([1, 2]), [1, null, 3], new Map([["k", 1]]), [1, 1_704_067_200_000_001]],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [-(2n ** 63n), 0, "", false, Number.NaN, 999999999999999999999999n, 0, -1, new Uint8Array(0), [], new Map(), [null, null]],
    ];
    expect(rowsFromArrow([arrowFromRows(rows, schema)], schema)).toEqual(rows);
  });
});
