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
