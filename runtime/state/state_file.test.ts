import { expect, test } from "bun:test";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { decodeStateFile, encodable, encodeStateFile, FORMAT_VERSION, HEADER_BYTES, stateFileEntries } from "./state_file.ts";

test("the header: magic, format, kind, version, body length, checksum, rows", () => {
  const bytes = encodeStateFile("snapshot", 42, 1, [["k"], [1]]);
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("SLST");
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect(view.getUint8(4)).toBe(FORMAT_VERSION);
  expect(view.getUint8(5)).toBe(2);
  expect(view.getBigUint64(8)).toBe(42n);
  expect(Number(view.getBigUint64(16))).toBe(bytes.length - HEADER_BYTES);
  expect(stateFileEntries(bytes)).toBe(1);
  expect(decodeStateFile("snapshot", 42, bytes)).toEqual([["k"], [1]]);
});

test("a file from a newer format is refused, not misread", () => {
  const bytes = encodeStateFile("delta", 1, 0, [[], []]);
  bytes[4] = FORMAT_VERSION + 1;
  expect(() => decodeStateFile("delta", 1, bytes)).toThrow(`it has format version ${FORMAT_VERSION + 1}; this Sluice reads version ${FORMAT_VERSION}`);
});

test("trailing bytes are reported", () => {
  const bytes = encodeStateFile("delta", 1, 0, [[], []]);
  const longer = new Uint8Array(bytes.length + 2);
  longer.set(bytes);
  expect(() => decodeStateFile("delta", 1, longer)).toThrow(`expected ${bytes.length} bytes, found ${bytes.length + 2} (trailing bytes)`);
});

test("encodable returns the same array unless it holds -0", () => {
  const row = ["a", 1, 0, null, 2n, new Uint8Array([1]), [1, "x"], new Map([["k", 1]]), new CalendarInterval(1, 2, 3), true, undefined];
  expect(encodable(row)).toBe(row);
  const withNegativeZero = ["a", [1, -0]];
  const out = encodable(withNegativeZero);
  expect(out).not.toBe(withNegativeZero);
  expect(Object.is((withNegativeZero[1] as number[])[1], -0)).toBe(true); // the caller's array is untouched
  const back = decodeStateFile("snapshot", 1, encodeStateFile("snapshot", 1, 1, [["k"], out])) as unknown[][];
  expect(Object.is((back[1]![1] as number[])[1], -0)).toBe(true);
  const map = new Map([["z", -0]]);
  expect(encodable([map])[0]).not.toBe(map);
});

test("encodable rejects values outside the engine's representation", () => {
  expect(() => encodable([{ a: 1 }])).toThrow("A state store row cannot hold a value of type Object.");
  expect(() => encodable([[new Float64Array(1)]])).toThrow("type Float64Array");
  expect(() => encodable([new Map([["k", new Set()]])])).toThrow("type Set");
  expect(() => encodable([Symbol("s")])).toThrow("type symbol");
});
