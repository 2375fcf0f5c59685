import { expect, test } from "bun:test";
import { decodeBytes, encodeString } from "./charset.ts";

const strict = { legacyCharsets: false, legacyErrorAction: false };
const legacy = { legacyCharsets: true, legacyErrorAction: true };
const bytes = (...b: number[]) => Uint8Array.from(b);

test("the standard charsets as Java encodes them", () => {
  expect(encodeString("é", "ISO-8859-1", strict)).toEqual(bytes(0xe9));
  expect(encodeString("é", "utf-16", strict)).toEqual(bytes(0xfe, 0xff, 0x00, 0xe9));
  expect(encodeString("é", "UTF-16LE", strict)).toEqual(bytes(0xe9, 0x00));
  expect(encodeString("😀", "UTF-32", strict)).toEqual(bytes(0, 1, 0xf6, 0x00));
  expect(decodeBytes(bytes(0xff, 0xfe, 0x41, 0x00), "UTF-16", strict)).toBe("A");
  expect(decodeBytes(bytes(0x00, 0x41), "utf-16", strict)).toBe("A");
});

test("unknown charsets and malformed input", () => {
  expect(() => encodeString("a", "WINDOWS-1252", strict)).toThrow("INVALID_PARAMETER_VALUE.CHARSET");
  expect(encodeString("a€", "WINDOWS-1252", legacy)).toEqual(bytes(0x61, 0x80));
  expect(() => encodeString("渭", "US-ASCII", strict)).toThrow("MALFORMED_CHARACTER_CODING");
  expect(encodeString("渭城", "US-ASCII", legacy)).toEqual(bytes(0x3f, 0x3f));
  expect(() => decodeBytes(bytes(0xe5), "US-ASCII", strict)).toThrow("MALFORMED_CHARACTER_CODING");
  expect(decodeBytes(bytes(0x61, 0xe5), "us-ascii", legacy)).toBe("a\ufffd");
});
