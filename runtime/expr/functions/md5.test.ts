import { describe, expect, test } from "bun:test";
import { BINARY, BOOLEAN, DOUBLE, INT, LONG, STRING } from "../../types/data_type.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as base64 } from "./base64.ts";
import { fn as crc32 } from "./crc32.ts";
import { fn as hex } from "./hex.ts";
import { fn as md5 } from "./md5.ts";
import { fn as sha1 } from "./sha1.ts";
import { fn as sha2 } from "./sha2.ts";
import { fn as unbase64 } from "./unbase64.ts";
import { fn as unhex } from "./unhex.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (v: unknown) => new TextDecoder().decode(v as Uint8Array);

// Expected values are PySpark 4.1.1 results.
describe("digests", () => {
  test("md5, sha1, sha2", () => {
    expect(call(md5, [["abc", STRING]])).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(call(md5, [[bytes(0), BINARY]])).toBe("93b885adfe0da089cdf634904fd59f71");
    expect(call(sha1, [["abc", STRING]])).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(sha1.aliases).toContain("sha");
    expect(call(sha2, [["abc", STRING], [256, INT]])).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(call(sha2, [["abc", STRING], [0, INT]])).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(call(sha2, [["abc", STRING], [224, INT]])).toBe("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
    expect(call(sha2, [["abc", STRING], [384, INT]])).toBe("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
    expect(call(sha2, [["abc", STRING], [512, INT]])).toBe("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    expect(call(sha2, [["abc", STRING], [100, INT]])).toBeNull();
    expect(call(sha2, [["abc", STRING], [256, LONG]])).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(call(md5, [[null, STRING]])).toBeNull();
    expect(call(crc32, [["abc", STRING]])).toBe(891568578);
    expect(call(crc32, [[bytes(), BINARY]])).toBe(0);
  });

  test("only strings and binaries", () => {
    expect(errorOf(() => call(md5, [[1, INT]])).bareMessage)
      .toBe(`Cannot resolve "md5(1)" due to data type mismatch: The first parameter requires the "BINARY" type, however "1" has the type "INT".`);
    expect(errorOf(() => call(base64, [[1, INT]])).code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  });
});

describe("base64 and hex", () => {
  test("base64 / unbase64 (MIME decoder: junk skipped, padding optional)", () => {
    expect(call(base64, [["hello", STRING]])).toBe("aGVsbG8=");
    expect(call(base64, [[bytes(0, 255), BINARY]])).toBe("AP8=");
    expect(text(call(unbase64, [["aGVsbG8=", STRING]]))).toBe("hello");
    expect(text(call(unbase64, [["aGVsbG8", STRING]]))).toBe("hello");
    expect(Array.from(call(unbase64, [["a b c d", STRING]]) as Uint8Array)).toEqual([0x69, 0xb7, 0x1d]);
    expect(Array.from(call(unbase64, [["***", STRING]]) as Uint8Array)).toEqual([]);
  });

  test("hex / unhex", () => {
    expect(call(hex, [[17, INT]])).toBe("11");
    expect(call(hex, [[-1, INT]])).toBe("FFFFFFFFFFFFFFFF");
    expect(call(hex, [["abc", STRING]])).toBe("616263");
    expect(call(hex, [[bytes(0x0a, 0xff), BINARY]])).toBe("0AFF");
    expect(call(hex, [[255, LONG]])).toBe("FF");
    expect(call(hex, [[1.5, DOUBLE]])).toBe("1");
    expect(call(hex, [[true, BOOLEAN]])).toBe("74727565");
    expect(text(call(unhex, [["4A4B", STRING]]))).toBe("JK");
    expect(Array.from(call(unhex, [["ABC", STRING]]) as Uint8Array)).toEqual([0x0a, 0xbc]);
    expect(call(unhex, [["zz", STRING]])).toBeNull();
  });
});
