import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { commitVersions, contents, expectedAt, stateStoreConformance } from "./conformance.ts";
import { FileStateStoreProvider, stateStoreDir } from "./file_state_store_provider.ts";
import { HEADER_BYTES } from "./state_file.ts";
import { StateStoreProvider } from "./state_store.ts";

const root = mkdtempSync(join(tmpdir(), "sluice-state-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => stateStoreDir(join(root, `checkpoint-${n++}`, "state"), 0, 0);

stateStoreConformance("files", (options) => FileStateStoreProvider.open(freshDir(), options));
// Only the live version in memory: every other load reads the files.
stateStoreConformance("files, read back from disk", (options) => FileStateStoreProvider.open(freshDir(), { ...options, retainInMemory: 0 }));
stateStoreConformance("files, opened with a directory", (options) => StateStoreProvider.open(freshDir(), options));

const files = (dir: string) => readdirSync(dir).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));

function loadError(f: () => unknown): SluiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("layout", () => {
  test("the directory is <checkpoint>/state/<operatorId>/<partitionId>", () => {
    expect(stateStoreDir("/ckpt/state", 2, 7)).toBe("/ckpt/state/2/7");
  });

  test("a delta per commit, a snapshot every snapshotInterval versions", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 3 });
    commitVersions(p, 7);
    expect(files(dir)).toEqual([
      "1.delta", "2.delta", "3.delta", "3.snapshot", "4.delta", "5.delta", "6.delta", "6.snapshot", "7.delta",
    ]);
    expect(p.latestVersion()).toBe(7);
  });

  test("nothing is written before the first commit", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir);
    p.load(0).put(["a"], [1]);
    p.maintenance();
    expect(existsSync(dir)).toBe(false);
    expect(p.latestVersion()).toBe(0);
  });

  test("a commit with no changes still writes its (empty) delta", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir);
    expect(p.load(0).commit()).toBe(1);
    expect(p.load(1).commit()).toBe(2);
    expect(files(dir)).toEqual(["1.delta", "2.delta"]);
    expect(FileStateStoreProvider.open(dir).load(2).size).toBe(0);
  });
});

describe("restart", () => {
  test("a new provider reads every version back from the files", () => {
    const dir = freshDir();
    commitVersions(FileStateStoreProvider.open(dir, { snapshotInterval: 4 }), 10);
    for (let v = 0; v <= 10; v++) {
      const p = FileStateStoreProvider.open(dir, { snapshotInterval: 4 });
      expect(p.latestVersion()).toBe(10);
      expect(contents(p.load(v))).toEqual(expectedAt(v));
    }
  });

  test("values of every type survive the files, as keys and as values", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir);
    const s = p.load(0);
    VALUES.forEach((v, i) => s.put([i, v], [v, i, [v]]));
    s.put(["all"], VALUES);
    s.commit();
    const back = FileStateStoreProvider.open(dir).load(1);
    const byIndex = new Map([...back.iterator()].map(([k, v]) => [k[0], [k, v] as const]));
    VALUES.forEach((v, i) => {
      const [key, value] = byIndex.get(i)!;
      expect(same(key[1], v)).toBe(true);
      expect(same(value, [v, i, [v]])).toBe(true);
      expect(same(back.get([i, v]), [v, i, [v]])).toBe(true);
    });
    expect(same(back.get(["all"]), VALUES)).toBe(true);
  });

  test("a snapshot holds the same values as the deltas", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 1 });
    const s = p.load(0);
    s.put([-0, 10n ** 37n], [NaN, -0, new Uint8Array([7]), new Map([["k", -0]]), new CalendarInterval(0, 0, -1)]);
    s.commit();
    rmSync(join(dir, "1.delta"));
    const [k, v] = [...FileStateStoreProvider.open(dir).load(1).iterator()][0]!;
    expect(Object.is(k[0], -0)).toBe(true);
    expect(k[1]).toBe(10n ** 37n);
    expect(Number.isNaN(v[0])).toBe(true);
    expect(Object.is(v[1], -0)).toBe(true);
    expect(v[2]).toEqual(new Uint8Array([7]));
    expect(Object.is((v[3] as Map<string, number>).get("k"), -0)).toBe(true);
    expect(v[4]).toEqual(new CalendarInterval(0, 0, -1));
  });

  test("a batch that wrote its delta but not commits/ is re-run from the version before", () => {
    const dir = freshDir();
    const first = FileStateStoreProvider.open(dir);
    commitVersions(first, 3);
    // Batch 3 commits state version 4, then the process dies before commits/3 is written.
    const crashed = first.load(3);
    crashed.put(["crashed"], [1]);
    crashed.remove(["k", 1]);
    crashed.commit();
    expect(files(dir)).toContain("4.delta");

    // Restart: the scheduler re-runs batch 3, so it loads version 3; 4.delta must not leak in.
    const restarted = FileStateStoreProvider.open(dir);
    const rerun = restarted.load(3);
    expect(contents(rerun)).toEqual(expectedAt(3));
    rerun.put(["rerun"], [2]);
    expect(rerun.commit()).toBe(4);
    const again = FileStateStoreProvider.open(dir).load(4);
    expect(again.get(["crashed"])).toBeUndefined();
    expect(again.get(["rerun"])).toEqual([2]);
    expect(again.get(["k", 1])).toEqual([3, 1, "v3"]);
  });

  test("a snapshot left by the crashed run of a batch is removed when the batch commits again", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 2 });
    commitVersions(p, 2);
    const s = p.load(2);
    s.put(["first run"], [1]);
    s.commit(); // 3.delta
    const t = p.load(3);
    t.put(["first run 2"], [1]);
    t.commit(); // 4.delta + 4.snapshot
    expect(files(dir)).toContain("4.snapshot");
    // Re-run from version 3 with snapshots every 5: 4 gets a delta only, and the old snapshot must go.
    const q = FileStateStoreProvider.open(dir, { snapshotInterval: 5 });
    const r = q.load(3);
    r.put(["second run"], [1]);
    r.commit();
    expect(files(dir)).not.toContain("4.snapshot");
    const back = FileStateStoreProvider.open(dir).load(4);
    expect(back.get(["second run"])).toEqual([1]);
    expect(back.get(["first run 2"])).toBeUndefined();
  });

  test("committing a re-run version removes the files of the versions after it", () => {
    const dir = freshDir();
    commitVersions(FileStateStoreProvider.open(dir, { snapshotInterval: 2 }), 5);
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 2 });
    const s = p.load(2);
    s.put(["again"], [1]);
    expect(s.commit()).toBe(3);
    expect(files(dir)).toEqual(["1.delta", "2.delta", "2.snapshot", "3.delta"]);
    expect(p.latestVersion()).toBe(3);
    expect(loadError(() => FileStateStoreProvider.open(dir).load(4)).message).toContain(join(dir, "4.delta"));
  });

  test("loading version 0 ignores every file", () => {
    const dir = freshDir();
    commitVersions(FileStateStoreProvider.open(dir), 3);
    const p = FileStateStoreProvider.open(dir);
    expect(p.load(0).size).toBe(0);
  });
});

describe("memory", () => {
  test("the next version is not read from disk", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir);
    commitVersions(p, 5);
    rmSync(dir, { recursive: true });
    expect(contents(p.load(5))).toEqual(expectedAt(5));
    // And the previous one is replayed from its undo log (retainInMemory 1).
    expect(contents(p.load(4))).toEqual(expectedAt(4));
    expect(contents(p.load(5))).toEqual(expectedAt(5));
    expect(loadError(() => p.load(3)).code).toBe("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS");
  });

  test("retainInMemory 0 keeps only the live version", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { retainInMemory: 0 });
    commitVersions(p, 3);
    rmSync(join(dir, "2.delta"));
    expect(contents(p.load(3))).toEqual(expectedAt(3));
    expect(loadError(() => p.load(2)).code).toBe("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS");
  });
});

describe("cleanup", () => {
  test("keeps what loading the last `retain` versions needs and removes the rest", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 3, retain: 5 });
    commitVersions(p, 20);
    p.maintenance();
    // Version 15 = 20 - 5 loads from 15.snapshot; 16..20 from it and their deltas.
    expect(files(dir)).toEqual(["15.snapshot", "16.delta", "17.delta", "18.delta", "18.snapshot", "19.delta", "20.delta"]);
    for (let v = 15; v <= 20; v++) expect(contents(FileStateStoreProvider.open(dir).load(v))).toEqual(expectedAt(v));
    const e = loadError(() => FileStateStoreProvider.open(dir).load(14));
    expect(e.code).toBe("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS");
    expect(e.message).toContain(join(dir, "1.delta"));
  });

  test("keeps everything while no snapshot is old enough", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 10, retain: 5 });
    commitVersions(p, 12);
    p.maintenance();
    expect(files(dir).length).toBe(13);
    commitVersions2(p, 12, 16);
    p.maintenance();
    // 16 - 5 = 11: the snapshot at 10 is the base, so deltas 1..10 go.
    expect(files(dir)).toEqual(["10.snapshot", "11.delta", "12.delta", "13.delta", "14.delta", "15.delta", "16.delta"]);
  });

  test("maintenance writes a snapshot that is due and removes temp files of interrupted writes", () => {
    const dir = freshDir();
    commitVersions(FileStateStoreProvider.open(dir, { snapshotInterval: 100 }), 4);
    writeFileSync(join(dir, ".3.delta.1234.1700000000000.tmp"), "partial");
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 2 });
    p.load(4);
    p.maintenance();
    expect(files(dir)).toEqual(["1.delta", "2.delta", "3.delta", "4.delta", "4.snapshot"]);
    FileStateStoreProvider.open(dir, { snapshotInterval: 2, retain: 0 }).maintenance();
    expect(files(dir)).toEqual(["4.snapshot"]);
    expect(contents(FileStateStoreProvider.open(dir).load(4))).toEqual(expectedAt(4));
  });

  test("retain 0 keeps only the latest version", () => {
    const dir = freshDir();
    const p = FileStateStoreProvider.open(dir, { snapshotInterval: 1, retain: 0 });
    commitVersions(p, 5);
    p.maintenance();
    expect(files(dir)).toEqual(["5.snapshot"]);
  });
});

const VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, -(2 ** 53), 2 ** 31, -(2 ** 31) - 1,
  1.7976931348623157e308, 5e-324, 0n, 5n, -5n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n, 10n ** 38n - 1n, -(10n ** 38n) + 1n,
  "", "a", "héllo wörld ✓ 𝄞", "x".repeat(100_000), new Uint8Array([]), new Uint8Array([0, 255, 128]),
  [1, [2, [3, null]]], [], [[-0, NaN], [0]], new Map([["a", 1], ["b", null]]), new Map<unknown, unknown>([[1, [2n, -0]], [new Uint8Array([1]), "x"]]),
  new Map(), new CalendarInterval(1, -2, 3_000_000), undefined,
];

/** Deep equality that tells -0 from 0 and checks classes (Uint8Array, not Buffer). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a.constructor !== b.constructor) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  if (a instanceof Uint8Array) return a.length === (b as Uint8Array).length && a.every((x, i) => x === (b as Uint8Array)[i]);
  if (a instanceof Map) {
    const bs = [...(b as Map<unknown, unknown>)];
    return a.size === bs.length && [...a].every(([k, v], i) => same(k, bs[i]![0]) && same(v, bs[i]![1]));
  }
  if (a instanceof CalendarInterval) {
    const c = b as CalendarInterval;
    return a.months === c.months && a.days === c.days && a.micros === c.micros;
  }
  return false;
}

function commitVersions2(p: StateStoreProvider, from: number, to: number): void {
  for (let v = from + 1; v <= to; v++) {
    const s = p.load(v - 1);
    s.put(["extra", v], [v]);
    s.commit();
  }
}

describe("damaged files are reported with their path", () => {
  function setUp(): string {
    const dir = freshDir();
    commitVersions(FileStateStoreProvider.open(dir, { snapshotInterval: 3 }), 5);
    return dir;
  }
  const load = (dir: string, v: number) => loadError(() => FileStateStoreProvider.open(dir).load(v));

  test("a missing delta", () => {
    const dir = setUp();
    rmSync(join(dir, "5.delta"));
    const e = load(dir, 5);
    expect(e.code).toBe("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS");
    expect(e.sqlState).toBe("58030");
    const path = join(dir, "5.delta");
    expect(e.message).toStartWith(
      `[CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS] An error occurred during loading state. Error reading delta file ${path} of FileStateStoreProvider[dir = ${dir}]: ${path} does not exist.`,
    );
    // Versions that do not need it still load.
    expect(contents(FileStateStoreProvider.open(dir).load(4))).toEqual(expectedAt(4));
  });

  test("a missing delta below the newest snapshot does not matter", () => {
    const dir = setUp();
    rmSync(join(dir, "2.delta"));
    expect(contents(FileStateStoreProvider.open(dir).load(5))).toEqual(expectedAt(5));
    expect(load(dir, 2).message).toContain(join(dir, "2.delta"));
  });

  test("a truncated delta", () => {
    const dir = setUp();
    const path = join(dir, "5.delta");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 3));
    const e = load(dir, 5);
    expect(e.code).toBe("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
    expect(e.message).toContain(`Error reading delta file ${path} of FileStateStoreProvider[dir = ${dir}]: the file is truncated: expected ${bytes.length} bytes, found ${bytes.length - 3}.`);
  });

  test("a delta cut inside its header", () => {
    const dir = setUp();
    const path = join(dir, "4.delta");
    writeFileSync(path, readFileSync(path).subarray(0, 10));
    expect(load(dir, 5).message).toContain(`${path} of FileStateStoreProvider[dir = ${dir}]: the file is truncated: it has 10 bytes`);
  });

  test("an empty delta", () => {
    const dir = setUp();
    writeFileSync(join(dir, "4.delta"), "");
    expect(load(dir, 4).message).toContain(`${join(dir, "4.delta")} of FileStateStoreProvider[dir = ${dir}]: the file is truncated`);
  });

  test("a changed byte in a delta", () => {
    const dir = setUp();
    const path = join(dir, "5.delta");
    const bytes = readFileSync(path);
    bytes[HEADER_BYTES + 5]! ^= 0x20;
    writeFileSync(path, bytes);
    const e = load(dir, 5);
    expect(e.code).toBe("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
    expect(e.message).toContain(`${path} of FileStateStoreProvider[dir = ${dir}]: its checksum does not match its contents (corrupt file).`);
  });

  test("a file that is not a state file", () => {
    const dir = setUp();
    const path = join(dir, "3.snapshot");
    writeFileSync(path, "this is not a state file, but it is long enough for a header");
    const e = load(dir, 4);
    expect(e.code).toBe("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
    expect(e.message).toContain(`Error reading snapshot file ${path} of FileStateStoreProvider[dir = ${dir}]: it is not a Sluice state file (bad magic number).`);
  });

  test("a truncated snapshot", () => {
    const dir = setUp();
    const path = join(dir, "3.snapshot");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, HEADER_BYTES + 4));
    expect(load(dir, 3).message).toContain(`Error reading snapshot file ${path} of FileStateStoreProvider[dir = ${dir}]: the file is truncated`);
  });

  test("a file renamed to another version", () => {
    const dir = setUp();
    writeFileSync(join(dir, "5.delta"), readFileSync(join(dir, "4.delta")));
    expect(load(dir, 5).message).toContain(`${join(dir, "5.delta")} of FileStateStoreProvider[dir = ${dir}]: it holds version 4, not 5.`);
  });

  test("a delta where a snapshot should be", () => {
    const dir = setUp();
    writeFileSync(join(dir, "3.snapshot"), readFileSync(join(dir, "3.delta")));
    expect(load(dir, 3).message).toContain(": it is not a snapshot file.");
  });

  test("an unreadable file", () => {
    if (process.getuid?.() === 0) return; // root reads files whatever their mode
    const dir = setUp();
    chmodSync(join(dir, "5.delta"), 0o000);
    expect(load(dir, 5).code).toBe("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
  });
});

describe("write failures", () => {
  test("a commit that cannot write fails with CANNOT_WRITE_STATE_STORE and can be aborted", () => {
    const base = join(root, `blocked-${n++}`);
    writeFileSync(base, "a file where the state directory should be");
    const p = FileStateStoreProvider.open(join(base, "0", "0"));
    const s = p.load(0);
    s.put(["a"], [1]);
    const e = loadError(() => s.commit());
    expect(e.code).toBe("CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT");
    expect(e.kind).toBe("external");
    expect(e.message).toStartWith(`[CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT] Error writing state store files for provider FileStateStoreProvider[dir = ${join(base, "0", "0")}]. Cannot perform commit during state checkpoint.`);
    s.abort();
    expect(p.load(0).size).toBe(0);
  });

  test("options are checked against the limits of Spark's confs", () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    expect(() => FileStateStoreProvider.open(dir, { snapshotInterval: 0 })).toThrow(
      `[INVALID_CONF_VALUE.REQUIREMENT] The value '0' in the config "spark.sql.streaming.stateStore.minDeltasForSnapshot" is invalid.`,
    );
    expect(() => FileStateStoreProvider.open(dir, { retain: -1 })).toThrow("spark.sql.streaming.minBatchesToRetain");
    expect(() => FileStateStoreProvider.open(dir, { retain: 1.5 })).toThrow("spark.sql.streaming.minBatchesToRetain");
  });
});

test("1M puts then commit", () => {
  const dir = freshDir();
  const p = FileStateStoreProvider.open(dir);
  const s = p.load(0);
  const rows = 1_000_000;
  let t = performance.now();
  for (let i = 0; i < rows; i++) s.put([`user${i % 100_000}`, i], [i, i * 2, "value"]);
  const putMs = performance.now() - t;
  t = performance.now();
  expect(s.commit()).toBe(1);
  const commitMs = performance.now() - t;
  t = performance.now();
  const back = FileStateStoreProvider.open(dir).load(1);
  const loadMs = performance.now() - t;
  expect(back.size).toBe(rows);
  expect(back.get(["user7", 100_007])).toEqual([100_007, 200_014, "value"]);
  const bytes = readFileSync(join(dir, "1.delta")).length;
  console.log(`1M puts ${putMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms (${(bytes / 1e6).toFixed(1)} MB delta), reload ${loadMs.toFixed(0)} ms`);
}, 120_000);
