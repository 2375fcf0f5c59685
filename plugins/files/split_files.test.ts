import { describe, expect, test } from "bun:test";
import { maxSplitBytes, splitFiles } from "./split_files.ts";

const MB = 1024 * 1024;
const sizing = { maxPartitionBytes: 128 * MB, openCostInBytes: 4 * MB, minPartitionNum: 2 };
const file = (name: string, size: number) => ({ path: `file:///d/${name}`, timestamp: 1, size });

describe("splitFiles (Spark's FilePartition)", () => {
  test("maxSplitBytes is bounded by maxPartitionBytes, the open cost and the bytes per core", () => {
    // 20 files of 14 MB: (20 * (14 + 4)) / 2 = 180 MB per core, above maxPartitionBytes.
    expect(maxSplitBytes(Array.from({ length: 20 }, (_, i) => file(`f${i}`, 14 * MB)), sizing)).toBe(128 * MB);
    // Two small files: the open cost is the floor.
    expect(maxSplitBytes([file("a", 100), file("b", 100)], { ...sizing, minPartitionNum: 4 })).toBe(4 * MB);
    // In between: total / minPartitionNum.
    expect(maxSplitBytes([file("a", 36 * MB), file("b", 36 * MB)], sizing)).toBe(40 * MB);
  });

  test("files are packed largest first, each counting its open cost", () => {
    const files = Array.from({ length: 20 }, (_, i) => file(`f${i}`, 14 * MB));
    const splits = splitFiles(files, sizing);
    // 128 MB holds 7 files of 14 MB + 4 MB open cost each (7 * 18 = 126); 20 files make 7 + 7 + 6.
    expect(splits.map((s) => s.files.length)).toEqual([7, 7, 6]);
    expect(splits.reduce((n, s) => n + s.bytes, 0)).toBe(20 * 14 * MB);
    expect(splits.flatMap((s) => s.files.map((f) => f.path))).toEqual(files.map((f) => f.path));
  });

  test("a larger file goes first; a split closes when the next file would pass maxSplitBytes", () => {
    // total (3 MB + 3000 bytes + 3 * 4 MB open costs) / 2 = about 7.5 MB per split.
    const splits = splitFiles([file("small1", 1000), file("big", 3 * MB), file("small2", 2000)], sizing);
    expect(splits.map((s) => s.files.map((f) => f.path.replace("file:///d/", "")))).toEqual([["big", "small2"], ["small1"]]);
    expect(splits.map((s) => s.bytes)).toEqual([3 * MB + 2000, 1000]);
  });

  test("no files, no splits", () => {
    expect(splitFiles([], sizing)).toEqual([]);
  });
});

describe("splitFiles: byte ranges of splitable files", () => {
  test("a splitable file larger than maxSplitBytes is cut into ranges of it; others stay whole", () => {
    const s = { maxPartitionBytes: 10 * MB, openCostInBytes: 4 * MB, minPartitionNum: 2 };
    const splits = splitFiles([{ ...file("big", 25 * MB), splitable: true }, { ...file("gz", 12 * MB), splitable: false }], s);
    const pieces = splits.flatMap((x) => x.files).map((f) => [f.path.replace("file:///d/", ""), f.start, f.length]);
    expect(pieces).toEqual([
      ["gz", undefined, undefined],
      ["big", 0, 10 * MB], ["big", 10 * MB, 10 * MB], ["big", 20 * MB, 5 * MB],
    ]);
    expect(splits.reduce((n, x) => n + x.bytes, 0)).toBe(37 * MB);
  });
});
