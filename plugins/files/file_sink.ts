// Spark's FileStreamSink with its ManifestFileCommitProtocol: a batch writes one file per
// partition directory (part-00000-<uuid>.c000.<ext>, written to a hidden temporary name and
// renamed), then lists them in <path>/_spark_metadata/<batchId>. Only files in that log are part
// of the output, so a crash mid-batch leaves nothing a reader would see, and a batch id already
// in the log is skipped when the query replays it (exactly-once).
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { externalError, userError, castToString, type OutputMode, type Row, type SinkWriter, type StructType } from "sluice/plugin-sdk";
import { fromFileUri, toFileUri } from "../formats/spark_path.ts";
import { DEFAULT_PARTITION_NAME, escapePathName } from "../formats/partitioning.ts";
import type { FileEncoder } from "../formats/encoder.ts";
import { FileStreamSinkLog, LOCAL_BLOCK_REPLICATION, LOCAL_BLOCK_SIZE, type SinkFileStatus } from "../formats/sink_log.ts";
import type { CompactibleLogSettings } from "../formats/compactible_log.ts";

export interface FileSinkConfig {
  path: string;
  /** The full schema of the rows the query writes. */
  schema: StructType;
  /** Indexes (in `schema`) of the partition columns, in partitionBy order. */
  partitionIndexes: number[];
  encoder: FileEncoder;
  /** ".gz" when the text formats are gzip-compressed. */
  compressSuffix: "" | ".gz";
  zoneId: string;
  logSettings: CompactibleLogSettings;
  retentionMs: number;
  nowMs: () => number;
}

export class FileStreamSink implements SinkWriter {
  readonly description: string;
  readonly #c: FileSinkConfig;
  readonly #log: FileStreamSinkLog;
  readonly #dataIndexes: number[];
  readonly #dataSchema: StructType;
  readonly #partitionText: ((v: unknown) => string)[];
  #filesWritten = 0;

  constructor(c: FileSinkConfig, dataSchema: StructType) {
    this.#c = c;
    this.description = `FileSink[${c.path}]`;
    const out = resolve(c.path);
    try {
      if (statSync(out).isFile()) throw pathIsFile(c.path);
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOENT") throw e;
    }
    this.#log = new FileStreamSinkLog(out, c.logSettings, c.retentionMs, c.nowMs);
    this.#dataIndexes = c.schema.fields.map((_, i) => i).filter((i) => !c.partitionIndexes.includes(i));
    this.#dataSchema = dataSchema;
    this.#partitionText = c.partitionIndexes.map((i) => castToString(c.schema.fields[i]!.dataType, c.zoneId));
  }

  addBatch(batchId: number, rows: Row[], _mode: OutputMode): void {
    const latest = this.#log.latestBatchId();
    if (latest !== undefined && batchId <= latest) return; // committed before: skipped on replay
    const out = resolve(this.#c.path);
    const groups = this.#group(rows);
    const written: SinkFileStatus[] = [];
    try {
      for (const [dir, groupRows] of groups) {
        const name = `part-00000-${randomUUID()}.c000${this.#c.encoder.extension}${this.#c.compressSuffix}`;
        const target = dir === "" ? join(out, name) : join(out, dir, name);
        let bytes = this.#c.encoder.encode(groupRows, this.#dataSchema);
        if (this.#c.compressSuffix === ".gz") bytes = new Uint8Array(gzipSync(bytes));
        writeWhole(target, bytes);
        const st = statSync(target);
        written.push({
          path: toFileUri(target),
          size: st.size,
          isDir: false,
          modificationTime: Math.floor(st.mtimeMs),
          blockReplication: LOCAL_BLOCK_REPLICATION,
          blockSize: LOCAL_BLOCK_SIZE,
          action: "add",
        });
      }
    } catch (e) {
      // Files written so far are not in the log, so no reader sees them; remove them anyway.
      for (const f of written) rmSync(fileOf(f), { force: true });
      if (e instanceof Error && "code" in e && typeof (e as { code: unknown }).code === "string" && /^E[A-Z]+$/.test((e as { code: string }).code)) {
        throw externalError("FILE_SINK_WRITE_FAILED", `Could not write batch ${batchId} to ${this.#c.path}: ${e.message}`, { cause: e });
      }
      throw e;
    }
    if (!this.#log.add(batchId, written)) {
      throw userError("CONCURRENT_QUERY", `Concurrent update to the log. Multiple streaming jobs detected for ${batchId}`, {
        hint: `Another query writes to ${this.#c.path}.`,
      });
    }
    this.#filesWritten += written.length;
  }

  metrics(): Record<string, string> {
    return { numFilesWritten: String(this.#filesWritten) };
  }

  stop(): void {}

  /** Rows by partition directory ("" without partitioning), data columns only, in first-seen order. */
  #group(rows: Row[]): Map<string, Row[]> {
    const groups = new Map<string, Row[]>();
    const idx = this.#c.partitionIndexes;
    const data = this.#dataIndexes;
    const sameOrder = idx.length === 0;
    for (const row of rows) {
      let dir = "";
      for (let k = 0; k < idx.length; k++) {
        const v = row[idx[k]!];
        const text = v === null || v === undefined ? "" : this.#partitionText[k]!(v);
        const name = this.#c.schema.fields[idx[k]!]!.name;
        dir += `${k > 0 ? "/" : ""}${escapePathName(name)}=${text === "" ? DEFAULT_PARTITION_NAME : escapePathName(text)}`;
      }
      let g = groups.get(dir);
      if (g === undefined) groups.set(dir, (g = []));
      g.push(sameOrder ? row : data.map((i) => row[i]));
    }
    return groups;
  }
}

function fileOf(s: SinkFileStatus): string {
  return fromFileUri(s.path);
}

/** Writes `bytes` under a hidden name (ignored by readers) and renames it into place. */
function writeWhole(target: string, bytes: Uint8Array): void {
  const dir = target.slice(0, target.lastIndexOf("/"));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${target.slice(dir.length + 1)}.${process.pid}.tmp`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
}

export function pathIsFile(path: string) {
  return userError("FILE_SINK_PATH_IS_FILE", `The output path ${path} is a file; the file sink writes into a directory.`, {
    hint: "Give a directory path (it is created if missing).",
  });
}
