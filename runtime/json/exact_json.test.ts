import { describe, expect, test } from "bun:test";
import { parseExact, stringifyExact } from "./exact_json.ts";

describe("JSON with exact longs", () => {
  test("bigints written as digits, read back exact; everything else as JSON.stringify/parse", () => {
    const v = { t: { "0": 9007199254740993n, "1": 12, "2": -9223372036854775808n }, s: "\u0000long:1", a: [1.5, null, true, 9223372036854775807n] };
    const text = stringifyExact(v);
    expect(text).toBe('{"t":{"0":9007199254740993,"1":12,"2":-9223372036854775808},"s":"\\u0000long:1","a":[1.5,null,true,9223372036854775807]}');
    expect(parseExact(text)).toEqual(v);
    // Safe integers stay numbers; a fraction or exponent stays a double; beyond 64 bits stays a double.
    expect(parseExact('{"a":9007199254740991,"b":12345678901234567.5,"c":1e300,"d":99999999999999999999}')).toEqual({
      a: 9007199254740991, b: 12345678901234567.5, c: 1e300, d: 99999999999999999999,
    });
    expect(stringifyExact({ x: [1, "a"], y: undefined })).toBe(JSON.stringify({ x: [1, "a"], y: undefined }));
    expect(parseExact('"12345678901234567890"')).toBe("12345678901234567890");
  });
});
