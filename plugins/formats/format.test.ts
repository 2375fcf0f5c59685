import { expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileLineBlocks } from "./format.ts";

const file = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), "sluice-blocks-")), "f.txt");
  writeFileSync(p, text);
  return p;
};
/** Each block as text, taken before the next is read (a block is only valid until then). */
const blocks = (path: string, max: number) => {
  const out: string[] = [];
  for (const b of fileLineBlocks(path, max)) out.push(Buffer.from(b).toString("utf8"));
  return out;
};

test("blocks end at line ends; together they are the file", () => {
  const text = "aaa\nbb\r\ncccc\nd\n";
  for (const max of [1, 3, 4, 5, 8, 100]) {
    const got = blocks(file(text), max);
    expect(got.join("")).toBe(text);
    for (const b of got) expect(b.endsWith("\n")).toBe(true);
  }
  expect(blocks(file(text), 8)).toEqual(["aaa\nbb\r\n", "cccc\nd\n"]);
});

test("a last line without a terminator, a line longer than a block, an empty file", () => {
  expect(blocks(file("x\nyy"), 100)).toEqual(["x\nyy"]);
  const long = blocks(file("0123456789\nab\n"), 4);
  expect(long.join("")).toBe("0123456789\nab\n");
  expect(long[0]!.startsWith("0123456789\n")).toBe(true);
  expect(blocks(file(""), 4)).toEqual([]);
});

test("a missing file fails with Spark's FAILED_READ_FILE.FILE_NOT_EXIST", () => {
  expect(() => [...fileLineBlocks("/nonexistent/sluice/file.json", 16)]).toThrow("FAILED_READ_FILE.FILE_NOT_EXIST");
});

test("byte ranges read as Hadoop's splits: every line exactly once, whatever the cuts", () => {
  for (const text of ["aaa\nbb\r\ncccc\nd\n", "x\nyy", "one line only\n", "\n\nab\n\n"]) {
    const path = file(text);
    const lines = text.split(/(?<=\n)/);
    for (let step = 1; step <= text.length + 1; step++) {
      const got: string[] = [];
      for (let start = 0; start < text.length; start += step) {
        for (const b of fileLineBlocks(path, 4, { start, end: Math.min(text.length, start + step) })) got.push(...Buffer.from(b).toString("utf8").split(/(?<=\n)/));
      }
      expect(got).toEqual(lines);
    }
  }
  // A range inside one line reads nothing; the range holding its start reads the whole line.
  const path = file("0123456789\nab\n");
  expect(blocks2(path, { start: 3, end: 6 })).toEqual([]);
  expect(blocks2(path, { start: 0, end: 2 })).toEqual(["0123456789\n"]);
  expect(blocks2(path, { start: 2, end: 14 })).toEqual(["ab\n"]);
});

function blocks2(path: string, range: { start: number; end: number }): string[] {
  return [...fileLineBlocks(path, 100, range)].map((b) => Buffer.from(b).toString("utf8"));
}
