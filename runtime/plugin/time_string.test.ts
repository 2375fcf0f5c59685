import { expect, test } from "bun:test";
import { isTimeString, timeStringAsMs, timeStringAsSec } from "./time_string.ts";

test("parses Spark's time strings", () => {
  expect(timeStringAsSec("5s")).toBe(5);
  expect(timeStringAsSec("5")).toBe(5);
  expect(timeStringAsSec("2m")).toBe(120);
  expect(timeStringAsSec("2min")).toBe(120);
  expect(timeStringAsSec("1h")).toBe(3600);
  expect(timeStringAsSec("7d")).toBe(604800);
  expect(timeStringAsSec(" 10S ")).toBe(10);
  expect(timeStringAsMs("250us")).toBe(0);
  expect(timeStringAsMs("100ms")).toBe(100);
  expect(timeStringAsMs("3")).toBe(3);
});

test("truncates toward zero when converting to a coarser unit", () => {
  expect(timeStringAsSec("1500ms")).toBe(1);
  expect(timeStringAsSec("-1500ms")).toBe(-1);
});

test("rejects what Spark rejects, with Spark's explanation", () => {
  expect(isTimeString("5 s")).toBe(false);
  expect(isTimeString("10 seconds")).toBe(false);
  expect(isTimeString("5y")).toBe(false);
  expect(isTimeString("1.5s")).toBe(false);
  expect(isTimeString("-5s")).toBe(true);
  expect(() => timeStringAsSec("5y")).toThrow('Invalid suffix: "y"');
  expect(() => timeStringAsSec("soon")).toThrow("Time must be specified as seconds (s)");
});
