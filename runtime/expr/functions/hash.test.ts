import { describe, expect, test } from "bun:test";
import { CalendarInterval } from "../../types/calendar_interval.ts";
import {
  ArrayType, BINARY, BOOLEAN, BYTE, CALENDAR_INTERVAL, DATE, DAYTIME_INTERVAL, DecimalType, DOUBLE, FLOAT, INT, LONG,
  MapType, NULL, SHORT, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ,
} from "../../types/data_type.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as hash } from "./hash.ts";
import { fn as xxhash64 } from "./xxhash64.ts";
import { xxhash64Of } from "./xxhash64.ts";

// Every expected value is what PySpark 4.1.1 returns for hash()/xxhash64() of the same value.
describe("hash (Murmur3, seed 42)", () => {
  test("integers, booleans, nulls, several arguments", () => {
    expect(call(hash, [[1, INT]])).toBe(-559580957);
    expect(call(hash, [[0, INT]])).toBe(933211791);
    expect(call(hash, [[-1, INT]])).toBe(-1604776387);
    expect(call(hash, [[1, LONG]])).toBe(-1712319331);
    expect(call(hash, [[-1, LONG]])).toBe(-939490007);
    expect(call(hash, [[4294967296, LONG]])).toBe(-1307033787);
    expect(call(hash, [[1, BYTE]])).toBe(-559580957);
    expect(call(hash, [[1, SHORT]])).toBe(-559580957);
    expect(call(hash, [[true, BOOLEAN]])).toBe(-559580957);
    expect(call(hash, [[false, BOOLEAN]])).toBe(933211791);
    expect(call(hash, [[null, NULL]])).toBe(42);
    expect(call(hash, [[1, INT], [2, INT]])).toBe(-222940379);
    expect(call(hash, [[1, INT], [null, INT], [2, INT]])).toBe(-222940379);
  });

  test("floating point, with -0.0 folded into 0.0", () => {
    expect(call(hash, [[1.5, DOUBLE]])).toBe(1290763749);
    expect(call(hash, [[-0, DOUBLE]])).toBe(-1670924195);
    expect(call(hash, [[0, DOUBLE]])).toBe(-1670924195);
    expect(call(hash, [[NaN, DOUBLE]])).toBe(-1281358385);
    expect(call(hash, [[1.5, FLOAT]])).toBe(-221251528);
    expect(call(hash, [[-0, FLOAT]])).toBe(933211791);
    expect(call(hash, [[1e300, DOUBLE]])).toBe(-359479591);
  });

  test("strings (UTF-8, Spark's tail handling) and binaries", () => {
    const want = [142593372, 1485273170, -97053317, 1322437556, -396302900, 814637928, -281075962, -675756566];
    ["", "a", "ab", "abc", "abcd", "abcde", "héllo wörld", "日本語テキスト"].forEach((s, i) => expect(call(hash, [[s, STRING]])).toBe(want[i]!));
    expect(call(hash, [[new Uint8Array([0, 255, 128]), BINARY]])).toBe(-2052482636);
  });

  test("decimals, dates, timestamps, intervals", () => {
    expect(call(hash, [[150n, new DecimalType(10, 2)]])).toBe(-2056712946);
    expect(call(hash, [[-12345n, new DecimalType(5, 2)]])).toBe(-1959512858);
    expect(call(hash, [[1234567890123456789012n, new DecimalType(30, 2)]])).toBe(-2030013727);
    expect(call(hash, [[-1234567890123456789012n, new DecimalType(30, 2)]])).toBe(333635401);
    expect(call(hash, [[19723, DATE]])).toBe(-456589419);
    expect(call(hash, [[1704067200000000, TIMESTAMP]])).toBe(1545358984);
    expect(call(hash, [[1704067200000000, TIMESTAMP_NTZ]])).toBe(1545358984);
    expect(call(hash, [[86400000000, DAYTIME_INTERVAL]])).toBe(892267096);
    expect(call(hash, [[new CalendarInterval(14, 25, 18367500000), CALENDAR_INTERVAL]])).toBe(-504672070);
  });

  test("arrays and structs element by element", () => {
    expect(call(hash, [[[1, 2, 3], new ArrayType(INT)]])).toBe(-912918097);
    expect(call(hash, [[[1, null, 3], new ArrayType(INT)]])).toBe(1066699649);
    expect(call(hash, [[["a", "b"], new ArrayType(STRING)]])).toBe(190734147);
    const st = new StructType([new StructField("a", INT), new StructField("b", STRING)]);
    expect(call(hash, [[[1, "x"], st]])).toBe(-1305545736);
    const st2 = new StructType([new StructField("a", INT), new StructField("b", new ArrayType(DOUBLE))]);
    expect(call(hash, [[[null, [1.5]], st2]])).toBe(1290763749);
  });

  test("maps are refused", () => {
    const e = errorOf(() => call(hash, [[new Map([[1, 2]]), new MapType(INT, INT)]]));
    expect(e.code).toBe("DATATYPE_MISMATCH.HASH_MAP_TYPE");
    expect(e.bareMessage).toContain('Input to the function `hash` cannot contain elements of the "MAP" type.');
  });
});

describe("xxhash64 (seed 42)", () => {
  const x = (v: unknown, t: Parameters<typeof xxhash64Of>[1][number]) => xxhash64Of([v], [t]).toString();
  test("exact 64-bit values", () => {
    expect(x(1, INT)).toBe("-6698625589789238999");
    expect(x(1, LONG)).toBe("-7001672635703045582");
    expect(x("abc", STRING)).toBe("1423657621850124518");
    expect(x("", STRING)).toBe("-7444071767201028348");
    expect(x("The quick brown fox jumps over the lazy dog", STRING)).toBe("-6152153990451020481");
    expect(x("abcdefgh12345", STRING)).toBe("-8510102590105511693");
    expect(x(1.5, DOUBLE)).toBe("7738255526519901366");
    expect(x(19723, DATE)).toBe("3242891694566951137");
    expect(x([1, 2], new ArrayType(INT))).toBe("-8133857028838179022");
    expect(x(1234567890123456789012n, new DecimalType(30, 2))).toBe("4252983850546716758");
  });

  test("as a BIGINT column value: exact (a bigint beyond 2^53, a number below)", () => {
    expect(call(xxhash64, [[null, INT]])).toBe(42);
    expect(call(xxhash64, [[1, INT]])).toBe(-6698625589789238999n);
    expect(call(xxhash64, [[9007199254740993n, LONG]])).toBe(xxhash64Of([9007199254740993n], [LONG]));
  });
});
