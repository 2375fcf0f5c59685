// The streaming file source's behaviour: file selection, limits, the source log, restarts,
// cleanSource, and the failures a file system can throw at it.
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { SluiceError, validateOptions, parseSchemaDDL, type Row } from "sluice/plugin-sdk";
import json from "./json/source.ts";
import text from "./text/source.ts";
import jsonSink from "./json/sink.ts";
import { ManualClock } from "sluice/testing";
import { openSource, readAll, trigger, writeFile } from "./test_files.ts";

const T0 = 1_700_000_000_000;
const tmp = () => mkdtempSync(join(tmpdir(), "sluice-filestream-"));
const line = (v: number) => `{"v":${v}}\n`;
const values = (rows: Row[]) => rows.map((r) => r[0]);

function setup() {
  const root = tmp();
  const data = join(root, "in");
  mkdirSync(data);
  return { root, data, meta: join(root, "sources", "0") };
}

describe("file stream source: chunks", () => {
  test("readBatch hands out a batch a file at a time, the rows getBatch gives", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a.json"), line(1) + line(2), T0 + 1000);
    writeFile(join(data, "b.json"), line(3), T0 + 2000);
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const end = await r.latestOffset(null, {});
    const chunks = [...(r.readBatch!(null, end, { maxRows: 8192 }) as Iterable<Row[]>)];
    expect(chunks.map(values)).toEqual([[1, 2], [3]]);
    expect(chunks.flat()).toEqual(await r.getBatch(null, end));
  });
});

describe("file stream source: splits for worker threads", () => {
  test("planSplits packs the batch's files as Spark does; readSplit reads each as readBatch would", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a.json"), line(1) + line(2), T0 + 1000);
    writeFile(join(data, "b.json"), line(3) + line(4) + line(5), T0 + 2000);
    writeFile(join(data, "c.json"), line(6), T0 + 3000);
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const end = await r.latestOffset(null, {});
    // (48 bytes + 3 open costs of 1) / 3 = at most 17 bytes a split: b.json (24 bytes) is cut into
    // [0, 17) and [17, 24); pieces packed largest first: {b 0-17}, {a}, {c, b 17-24}.
    const splits = await r.planSplits!(null, end, { maxPartitionBytes: 1 << 20, openCostInBytes: 1, minPartitionNum: 3 });
    expect(splits.map((s) => s.bytes)).toEqual([17, 16, 15]);
    // JSON data that survives the trip to a worker thread.
    expect(JSON.parse(JSON.stringify(splits))).toEqual(splits);
    const read = async (i: number) => [...(r.readSplit!(splits[i]!, { maxRows: 8192 }) as Iterable<Row[]>)].flat();
    // b's three lines start at 0, 8 and 16: all in the first range (a line is read where it starts).
    expect([await read(0), await read(1), await read(2)].map(values)).toEqual([[3, 4, 5], [1, 2], [6]]);
    // One split when the whole batch fits.
    const one = await r.planSplits!(null, end, { maxPartitionBytes: 1 << 20, openCostInBytes: 1, minPartitionNum: 1 });
    expect(one.length).toBe(1);
    expect(values([...(r.readSplit!(one[0]!, { maxRows: 8192 }) as Iterable<Row[]>)].flat()).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("file stream source: selection and limits", () => {
  test("maxFilesPerTrigger=2 over 3 files gives {1,2} then {3}, oldest first", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "c.json"), line(3), T0 + 3000);
    writeFile(join(data, "a.json"), line(1), T0 + 1000);
    writeFile(join(data, "b.json"), line(2), T0 + 2000);
    const r = await openSource(json, { path: data, maxFilesPerTrigger: 2 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b1 = await trigger(r, null);
    expect(b1.end).toEqual({ logOffset: 0 });
    expect(values(b1.rows)).toEqual([1, 2]);
    const b2 = await trigger(r, b1.end);
    expect(b2.end).toEqual({ logOffset: 1 });
    expect(values(b2.rows)).toEqual([3]);
    const b3 = await trigger(r, b2.end);
    expect(b3.end).toEqual({ logOffset: 1 });
    expect(b3.rows).toEqual([]);
  });

  test("the engine's limit wins over the option; an infinite limit (Trigger.Once) takes everything", async () => {
    const { data, meta } = setup();
    for (let i = 1; i <= 3; i++) writeFile(join(data, `${i}.json`), line(i), T0 + i);
    const r = await openSource(json, { path: data, maxFilesPerTrigger: 1 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(values((await trigger(r, null, { maxFiles: Infinity })).rows)).toEqual([1, 2, 3]);
  });

  test("no files: latestOffset is null", async () => {
    const { data, meta } = setup();
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(await r.latestOffset(null, {})).toBeNull();
  });

  test("latestFirst takes the newest files first", async () => {
    const { data, meta } = setup();
    for (let i = 1; i <= 3; i++) writeFile(join(data, `${i}.json`), line(i), T0 + i * 1000);
    const logs: string[] = [];
    const r = await openSource(json, { path: data, latestFirst: true, maxFilesPerTrigger: 1 }, { ddl: "v INT", streaming: true, metadataDir: meta, logs });
    const b1 = await trigger(r, null);
    const b2 = await trigger(r, b1.end);
    expect([...values(b1.rows), ...values(b2.rows)]).toEqual([3, 2]);
    expect(logs.join()).toContain("'latestFirst' is true");
  });

  test("maxBytesPerTrigger: at least one file, then files while the total fits", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a.json"), line(1).repeat(10), T0 + 1); // 80 bytes
    writeFile(join(data, "b.json"), line(2), T0 + 2); // 8 bytes
    writeFile(join(data, "c.json"), line(3), T0 + 3);
    const r = await openSource(json, { path: data, maxBytesPerTrigger: 50 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b1 = await trigger(r, null);
    expect(values(b1.rows)).toEqual(Array(10).fill(1));
    expect(values((await trigger(r, b1.end)).rows)).toEqual([2, 3]);
  });

  test("maxFileAge: after the first batch, files older than the newest seen minus the age are ignored", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "old.json"), line(1), T0 - 10 * 86_400_000);
    writeFile(join(data, "new.json"), line(2), T0);
    const r = await openSource(json, { path: data, maxFileAge: "1d" }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b1 = await trigger(r, null);
    expect(values(b1.rows).sort()).toEqual([1, 2]); // the first batch takes everything
    writeFile(join(data, "late.json"), line(3), T0 - 5 * 86_400_000);
    writeFile(join(data, "fresh.json"), line(4), T0 + 1000);
    expect(values((await trigger(r, b1.end)).rows)).toEqual([4]);
  });

  test("names starting with _ or . are ignored (except key=value directories), and in-flight ._COPYING_ files", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "ok.json"), line(1), T0);
    writeFile(join(data, "_hidden.json"), line(2), T0);
    writeFile(join(data, ".dot.json"), line(3), T0);
    writeFile(join(data, "_tmp", "x.json"), line(4), T0);
    writeFile(join(data, "f.json._COPYING_"), line(5), T0);
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(values((await trigger(r, null)).rows)).toEqual([1]);
  });

  test("glob paths and pathGlobFilter", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "2024", "a.json"), line(1), T0);
    writeFile(join(data, "2025", "b.json"), line(2), T0 + 1);
    writeFile(join(data, "2025", "c.txt"), line(3), T0 + 2);
    writeFile(join(data, "x", "d.json"), line(4), T0 + 3);
    const r = await openSource(json, { path: join(data, "202[45]"), pathGlobFilter: "*.json" }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(values((await trigger(r, null)).rows)).toEqual([1, 2]);
    expect(values(await readAll(json, { path: join(data, "{2024,x}/*.json") }, { ddl: "v INT" }))).toEqual([1, 4]);
  });

  test("partition directories become columns typed by the user's schema", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "day=2024-01-01", "country=FR", "a.json"), line(1), T0);
    const r = await openSource(json, { path: data }, { ddl: "v INT, day DATE", streaming: true, metadataDir: meta });
    expect(r.schema.simpleString()).toBe("struct<v:int,day:date,country:string>");
    const b1 = await trigger(r, null);
    expect(b1.rows).toEqual([[1, 19723, "FR"]]);
    writeFile(join(data, "day=2024-01-02", "country=__HIVE_DEFAULT_PARTITION__", "b.json"), line(2), T0 + 1);
    expect((await trigger(r, b1.end)).rows).toEqual([[2, 19724, null]]);
  });

  test("fileNameOnly: the same name under another directory counts as seen", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a", "f.json"), line(1), T0);
    const r = await openSource(json, { path: data, fileNameOnly: true }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b1 = await trigger(r, null);
    writeFile(join(data, "b", "f.json"), line(2), T0 + 1);
    expect((await trigger(r, b1.end)).rows).toEqual([]);
  });
});

describe("file stream source: the source log", () => {
  test("Spark's format: v1 then one JSON line per file, offsets {logOffset: N}", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a b.json"), line(1), T0);
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    await trigger(r, null);
    expect(readFileSync(join(meta, "0"), "utf8")).toBe(`v1\n{"path":"file://${data}/a%20b.json","timestamp":${T0},"batchId":0}`);
  });

  test("a restart neither re-reads nor skips a file, and replays read the logged files", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "1.json"), line(1), T0 + 1);
    writeFile(join(data, "2.json"), line(2), T0 + 2);
    const r1 = await openSource(json, { path: data, maxFilesPerTrigger: 1 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b1 = await trigger(r1, null);
    const b2 = await trigger(r1, b1.end);
    // A file written while batch 2 ran; the query then crashes before committing batch 2.
    writeFile(join(data, "3.json"), line(3), T0 + 3);
    const r2 = await openSource(json, { path: data, maxFilesPerTrigger: 1 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(values(await r2.getBatch(b1.end, b2.end))).toEqual([2]); // the replay
    expect(values(await r2.getBatch(null, b2.end))).toEqual([1, 2]);
    const b3 = await trigger(r2, b2.end);
    expect(values(b3.rows)).toEqual([3]);
    expect((await trigger(r2, b3.end)).rows).toEqual([]);
  });

  test("a batch logged by latestOffset but never written to offsets/ is read by the next range", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "1.json"), line(1), T0 + 1);
    const r1 = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    await r1.latestOffset(null, {}); // logs batch 0, then the engine dies before offsets/0
    writeFile(join(data, "2.json"), line(2), T0 + 2);
    const r2 = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const b = await trigger(r2, null);
    expect(b.end).toEqual({ logOffset: 1 });
    expect(values(b.rows)).toEqual([1, 2]);
  });

  test("the log is compacted every 10 batches and old files are still found", async () => {
    const { data, meta } = setup();
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    let start = null as Awaited<ReturnType<typeof trigger>>["end"];
    const ends = [];
    for (let i = 0; i < 12; i++) {
      writeFile(join(data, `${i}.json`), line(i), T0 + i);
      start = (await trigger(r, start)).end;
      ends.push(start);
    }
    expect(readdirSync(meta).filter((n) => !n.startsWith(".")).sort()).toContain("9.compact");
    expect(readFileSync(join(meta, "9.compact"), "utf8").split("\n").length).toBe(11);
    const again = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(values(await again.getBatch(ends[7]!, ends[10]!))).toEqual([8, 9, 10]);
    expect((await trigger(again, ends[11]!)).rows).toEqual([]);
    const compacted = await openSource(json, { path: data }, {
      ddl: "v INT", streaming: true, metadataDir: join(meta, "..", "other"), conf: { "spark.sql.streaming.fileSource.log.compactInterval": "3" },
    });
    await trigger(compacted, null);
    expect(existsSync(join(meta, "..", "other", "0"))).toBe(true);
  });

  test("prepareForTriggerAvailableNow fixes the files and the end offset", async () => {
    const { data, meta } = setup();
    for (let i = 1; i <= 3; i++) writeFile(join(data, `${i}.json`), line(i), T0 + i);
    const r = await openSource(json, { path: data, maxFilesPerTrigger: 2 }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const stopAt = await r.prepareForTriggerAvailableNow!(null);
    expect(stopAt).toEqual({ logOffset: 1 });
    writeFile(join(data, "4.json"), line(4), T0 + 4);
    const b1 = await trigger(r, null);
    const b2 = await trigger(r, b1.end);
    expect(b2.end).toEqual(stopAt);
    expect([...values(b1.rows), ...values(b2.rows)]).toEqual([1, 2, 3]);
    expect((await trigger(r, b2.end)).end).toEqual(stopAt);
  });
});

describe("file stream source: cleanSource", () => {
  test("delete removes a batch's files once it is committed", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a.json"), line(1), T0);
    const r = await openSource(json, { path: data, cleanSource: "DELETE" }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const end = await r.latestOffset(null, {});
    expect(values(await r.getBatch(null, end))).toEqual([1]);
    expect(existsSync(join(data, "a.json"))).toBe(true);
    await r.commit!(end);
    expect(existsSync(join(data, "a.json"))).toBe(false);
  });
  test("archive moves files under sourceArchiveDir keeping their path", async () => {
    const { root, data, meta } = setup();
    writeFile(join(data, "a.json"), line(1), T0);
    const archive = join(root, "archive");
    const r = await openSource(json, { path: data, cleanSource: "archive", sourceArchiveDir: archive }, { ddl: "v INT", streaming: true, metadataDir: meta });
    await trigger(r, null);
    expect(existsSync(join(archive, data, "a.json"))).toBe(true);
    expect(existsSync(join(data, "a.json"))).toBe(false);
  });
  test("archive needs sourceArchiveDir outside the source pattern; bad modes are refused", async () => {
    const { data, meta } = setup();
    const err = await openSource(json, { path: data, cleanSource: "archive" }, { ddl: "v INT", streaming: true, metadataDir: meta }).catch((e) => e);
    expect(err.message).toContain("Archive mode must be used with 'sourceArchiveDir' option.");
    const inside = await openSource(json, { path: data, cleanSource: "archive", sourceArchiveDir: join(data, "arch") }, { ddl: "v INT", streaming: true }).catch((e) => e);
    expect(inside.message).toContain("Base archive path cannot be set to the path where archived path can possibly match with source pattern.");
    expect(() => validateOptions(json, { path: data, cleanSource: "bogus" })).toThrow("option 'cleanSource'");
  });
});

describe("file stream source: failures", () => {
  test("a file deleted between listing and reading: FAILED_READ_FILE.FILE_NOT_EXIST naming it; the log stays as it was", async () => {
    const { data, meta } = setup();
    writeFile(join(data, "a.json"), line(1), T0);
    const r = await openSource(json, { path: data }, { ddl: "v INT", streaming: true, metadataDir: meta });
    const end = await r.latestOffset(null, {});
    rmSync(join(data, "a.json"));
    const err = await Promise.resolve().then(() => r.getBatch(null, end)).catch((e) => e);
    expect(err).toBeInstanceOf(SluiceError);
    expect(err.code).toBe("FAILED_READ_FILE.FILE_NOT_EXIST");
    expect(err.message).toContain(`Encountered error while reading file file://${data}/a.json. File does not exist.`);
    expect(readFileSync(join(meta, "0"), "utf8")).toContain("a.json");
    // With ignoreMissingFiles the batch reads what is left.
    const r2 = await openSource(json, { path: data, ignoreMissingFiles: true }, { ddl: "v INT", streaming: true, metadataDir: meta });
    expect(await r2.getBatch(null, end)).toEqual([]);
  });

  test("a file that cannot be read (permission denied) fails with FAILED_READ_FILE naming it", () => {
    // Root reads files whatever their mode (CAP_DAC_OVERRIDE): as root the read runs without that
    // capability (and CAP_DAC_READ_SEARCH), still as root, so it reads the repository wherever it
    // lives (also under a 0700 directory) but not a file of mode 000.
    const { root, data } = setup();
    writeFile(join(data, "secret.json"), line(1), T0);
    chmodSync(join(data, "secret.json"), 0o000);
    const script = join(root, "read.ts");
    writeFileSync(
      script,
      `import json from ${JSON.stringify(join(import.meta.dir, "json/source.ts"))};
import { readAll } from ${JSON.stringify(join(import.meta.dir, "test_files.ts"))};
try { await readAll(json, { path: ${JSON.stringify(data)} }, { ddl: "v INT" }); console.log("READ"); }
catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`,
    );
    const asRoot = process.getuid?.() === 0;
    const cmd = asRoot ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search", process.execPath, script] : [process.execPath, script];
    const run = spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the reader exited ${run.status}: ${run.stderr}`);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(out.code).toBe("FAILED_READ_FILE.NO_HINT");
    expect(out.message).toContain(`file://${data}/secret.json`);
    expect(out.message).toContain("Permission denied");
  });

  test("a text source over a directory written by a file sink reads only committed files", async () => {
    const { root, data } = setup();
    const out = join(root, "out");
    const schema = parseSchemaDDL("v INT");
    const sink = await jsonSink.create(validateOptions(jsonSink, { path: out }) as never, {
      schema, queryId: "q", clock: new ManualClock(T0), log: { info() {}, warn() {} }, conf: () => undefined, stdout: () => {}, session: null,
    });
    await sink.addBatch(0, [[1]], "append");
    writeFile(join(out, "part-00000-uncommitted.c000.json"), line(99), T0); // a crash mid-batch left this
    expect(await readAll(text, { path: out })).toEqual([['{"v":1}']]);
    const r = await openSource(json, { path: out }, { ddl: "v INT", streaming: true, metadataDir: join(root, "m") });
    expect(values((await trigger(r, null)).rows)).toEqual([1]);
    await sink.addBatch(1, [[2]], "append");
    const err = await openSource(json, { path: out, cleanSource: "delete" }, { ddl: "v INT", streaming: true, metadataDir: join(root, "m2") })
      .then((s) => s.latestOffset(null, {})).catch((e) => e);
    expect(err.message).toContain("Clean up source files is not supported when reading from the output directory of FileStreamSink.");
    void data;
  });
});
