import { expect, test } from "bun:test";
import { DOUBLE, INT, LONG, STRING, type DataType } from "../types/data_type.ts";
import { javaFormat } from "./java_formatter.ts";

const f = (pattern: string, ...args: [unknown, DataType][]) => javaFormat(pattern, args.map(([value, type]) => ({ value, type })));

test("general conversions, widths, argument indexes", () => {
  expect(f("Hello %s", ["World", STRING])).toBe("Hello World");
  expect(f("%10s|%-5s|", ["ab", STRING], ["c", STRING])).toBe("        ab|c    |");
  expect(f("%1$s %3$s %<s", [1, INT], [2, INT], [3, INT])).toBe("1 3 3");
  expect(f("%.2S %b %b", ["abc", STRING], [null, STRING], [0, INT])).toBe("AB false true");
  expect(f("100%% %n")).toBe("100% \n");
});

test("integral conversions", () => {
  expect(f("%,d|%+d|%(d|%05d", [1234567, INT], [5, INT], [-5, INT], [-42, INT])).toBe("1,234,567|+5|(5)|-0042");
  expect(f("%x %X %o %#x", [-1, INT], [255, LONG], [8, INT], [255, INT])).toBe("ffffffff FF 10 0xff");
  expect(f("%x", [-1, LONG])).toBe("ffffffffffffffff");
});

test("floating conversions round Double.toString's digits half up", () => {
  expect(f("%.2f %5.2f %f", [0.125, DOUBLE], [3.14159, DOUBLE], [1.5, DOUBLE])).toBe("0.13  3.14 1.500000");
  expect(f("%e %.0e %E", [12345.678, DOUBLE], [9.5, DOUBLE], [0.00012, DOUBLE])).toBe("1.234568e+04 1e+01 1.200000E-04");
  expect(f("%g %g %.3g", [0.0001, DOUBLE], [123456789.0, DOUBLE], [99.96, DOUBLE])).toBe("0.000100000 1.23457e+08 100");
  expect(f("%08.3f %,.1f", [-3.5, DOUBLE], [1234567.25, DOUBLE])).toBe("-003.500 1,234,567.3");
});

test("Java's exceptions", () => {
  expect(() => f("Hello %s %s", ["World", STRING])).toThrow("Format specifier '%s'");
  expect(() => f("%d", ["a", STRING])).toThrow("d != org.apache.spark.unsafe.types.UTF8String");
  expect(() => f("%q", [1, INT])).toThrow("Conversion = 'q'");
});
