// Spark's CompactibleFileStreamLog: one file per batch id in a directory ("v1" then one JSON line
// per entry, no trailing newline), and every `compactInterval` batches a `<id>.compact` file that
// holds everything so far, so a reader never has to open more than one compact file plus the
// batches after it. Old batch files are deleted once a later compact file covers them (keeping
// minBatchesToRetain batches, and only files older than cleanupDelayMs). Used by the file
// source's seen-files log and the file sink's _spark_metadata log. Without a directory the log
// lives in memory (a batch read, or a query without a checkpoint).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, externalError, internalError } from "sluice/plugin-sdk";

export const COMPACT_FILE_SUFFIX = ".compact";

export interface CompactibleLogSettings {
  /** spark.sql.streaming.file{Source,Sink}.log.compactInterval (default 10). */
  compactInterval: number;
  /** spark.sql.streaming.file{Source,Sink}.log.deletion (default true). */
  deleteExpired: boolean;
  /** spark.sql.streaming.file{Source,Sink}.log.cleanupDelay (default 10 minutes). */
  cleanupDelayMs: number;
  /** spark.sql.streaming.minBatchesToRetain (default 100). */
  minBatchesToRetain: number;
}

export const DEFAULT_LOG_SETTINGS: CompactibleLogSettings = {
  compactInterval: 10,
  deleteExpired: true,
  cleanupDelayMs: 10 * 60 * 1000,
  minBatchesToRetain: 100,
};

/** Reads the log settings from session configuration under `prefix` ("spark.sql.streaming.fileSource.log"). */
export function logSettings(conf: (key: string) => string | undefined, prefix: string): CompactibleLogSettings {
  const num = (key: string, dflt: number) => {
    const v = conf(key);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) return dflt;
    return n;
  };
  const interval = num(`${prefix}.compactInterval`, DEFAULT_LOG_SETTINGS.compactInterval);
  if (!(interval > 0)) {
    throw externalError("INVALID_CONF_VALUE", `Please set ${prefix}.compactInterval (was ${interval}) to a positive value.`);
  }
  const delay = conf(`${prefix}.cleanupDelay`);
  return {
    compactInterval: Math.floor(interval),
    deleteExpired: (conf(`${prefix}.deletion`) ?? "true").toLowerCase() !== "false",
    cleanupDelayMs: delay === undefined ? DEFAULT_LOG_SETTINGS.cleanupDelayMs : durationMs(delay),
    minBatchesToRetain: num("spark.sql.streaming.minBatchesToRetain", DEFAULT_LOG_SETTINGS.minBatchesToRetain),
  };
}

function durationMs(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|min|h|d)?\s*$/i.exec(text);
  if (!m) return DEFAULT_LOG_SETTINGS.cleanupDelayMs;
  const unit = (m[2] ?? "ms").toLowerCase();
  const factor: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(m[1]) * factor[unit]!;
}

export const isCompactionBatch = (batchId: number, interval: number) => (batchId + 1) % interval === 0;

/** The batches a compaction at `compactionBatchId` merges (the previous compact file included). */
export function validBatchesBeforeCompaction(compactionBatchId: number, interval: number): number[] {
  const out: number[] = [];
  for (let id = Math.max(0, compactionBatchId - interval); id < compactionBatchId; id++) out.push(id);
  return out;
}

/** The files needed to know everything up to `batchId`: the last compact file and the batches after it. */
export function allValidBatches(batchId: number, interval: number): number[] {
  const start = Math.max(0, Math.floor((batchId + 1) / interval) * interval - 1);
  const out: number[] = [];
  for (let id = start; id <= batchId; id++) out.push(id);
  return out;
}

/** CompactibleFileStreamLog.deriveCompactInterval: an interval that fits an existing compact file. */
export function deriveCompactInterval(defaultInterval: number, latestCompactBatchId: number): number {
  const n = latestCompactBatchId + 1;
  if (n <= defaultInterval) return n;
  if (defaultInterval < n / 2) {
    for (let i = defaultInterval; i <= n / 2; i++) if (n % i === 0) return i;
  }
  return n;
}

export class CompactibleFileStreamLog<T> {
  readonly #dir: string | undefined;
  readonly #settings: CompactibleLogSettings;
  readonly #memory = new Map<number, T[]>();
  #interval: number | undefined;

  constructor(
    dir: string | undefined,
    settings: CompactibleLogSettings,
    /** Which entries a compaction keeps (the sink's retention); default all. */
    private readonly retain: (entry: T, nowMs: number) => boolean = () => true,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.#dir = dir;
    this.#settings = settings;
  }

  get dir(): string | undefined {
    return this.#dir;
  }

  /** The compact interval in force: the configured one unless existing compact files fix another. */
  get compactInterval(): number {
    if (this.#interval !== undefined) return this.#interval;
    const compacts = this.#fileNames()
      .filter((n) => n.endsWith(COMPACT_FILE_SUFFIX))
      .map((n) => Number(n.slice(0, -COMPACT_FILE_SUFFIX.length)))
      .sort((a, b) => b - a);
    let interval = this.#settings.compactInterval;
    if (compacts.length >= 2) interval = compacts[0]! - compacts[1]!;
    else if (compacts.length === 1) interval = deriveCompactInterval(interval, compacts[0]!);
    this.#interval = interval;
    return interval;
  }

  batchFileName(batchId: number): string {
    return isCompactionBatch(batchId, this.compactInterval) ? `${batchId}${COMPACT_FILE_SUFFIX}` : String(batchId);
  }

  /** Every batch id with a file, ascending. */
  batchIds(): number[] {
    if (this.#dir === undefined) return [...this.#memory.keys()].sort((a, b) => a - b);
    return this.#fileNames()
      .map((n) => (n.endsWith(COMPACT_FILE_SUFFIX) ? n.slice(0, -COMPACT_FILE_SUFFIX.length) : n))
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  }

  latestBatchId(): number | undefined {
    const ids = this.batchIds();
    for (let i = ids.length - 1; i >= 0; i--) if (this.#exists(ids[i]!)) return ids[i];
    return undefined;
  }

  /** The entries written for `batchId` (a compact file holds earlier batches' entries too), or undefined. */
  get(batchId: number): T[] | undefined {
    if (this.#dir === undefined) return this.#memory.get(batchId);
    const path = join(this.#dir, this.batchFileName(batchId));
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return undefined;
      throw externalError("CHECKPOINT_UNREADABLE", `Cannot read the file stream log ${path}: ${(e as Error).message}`);
    }
    return this.#deserialize(path, text);
  }

  /** Writes `batchId` (compacting when it is a compaction batch); false if it was already written. */
  add(batchId: number, entries: readonly T[]): boolean {
    if (this.#exists(batchId)) return false;
    let all: T[] = [...entries];
    if (isCompactionBatch(batchId, this.compactInterval)) {
      const earlier: T[] = [];
      for (const id of validBatchesBeforeCompaction(batchId, this.compactInterval)) {
        const logs = this.get(id);
        if (logs === undefined) {
          throw internalError(`${this.batchFileName(id)} doesn't exist when compacting batch ${batchId} (compactInterval: ${this.compactInterval})`);
        }
        earlier.push(...logs);
      }
      const now = this.nowMs();
      all = [...earlier, ...entries].filter((e) => this.retain(e, now));
    }
    this.#write(batchId, all);
    if (this.#settings.deleteExpired) this.#deleteExpired(batchId);
    return true;
  }

  /** Every entry up to the latest batch (CompactibleFileStreamLog.allFiles). */
  allEntries(): T[] {
    const latest = this.latestBatchId();
    if (latest === undefined) return [];
    const out: T[] = [];
    for (const id of allValidBatches(latest, this.compactInterval)) {
      const logs = this.get(id);
      if (logs === undefined) {
        throw externalError(
          "FILE_STREAM_LOG_INCOMPLETE",
          `${this.batchFileName(id)} doesn't exist (latestId: ${latest}, compactInterval: ${this.compactInterval}) in ${this.#dir}.`,
        );
      }
      out.push(...logs);
    }
    return out;
  }

  #exists(batchId: number): boolean {
    if (this.#dir === undefined) return this.#memory.has(batchId);
    return existsSync(join(this.#dir, this.batchFileName(batchId)));
  }

  #write(batchId: number, entries: readonly T[]): void {
    if (this.#dir === undefined) {
      this.#memory.set(batchId, [...entries]);
      return;
    }
    const text = ["v1", ...entries.map((e) => JSON.stringify(e))].join("\n");
    writeFileAtomic(join(this.#dir, this.batchFileName(batchId)), text);
  }

  #deserialize(path: string, text: string): T[] {
    const lines = text.split("\n");
    const version = lines[0] ?? "";
    const m = /^v(\d+)$/.exec(version.trim());
    if (!m) {
      throw externalError("FILE_STREAM_LOG_CORRUPT", `Log file was malformed: failed to detect the log file version line in ${path}.`);
    }
    if (Number(m[1]) > 1) {
      throw externalError(
        "INVALID_LOG_VERSION.EXACT_MATCH_VERSION",
        `The log file ${path} was produced by a newer version (v${m[1]}); this version can only read v1.`,
        { hint: "Upgrade Sluice, or start from a new checkpoint." },
      );
    }
    const out: T[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === "") continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        throw externalError("FILE_STREAM_LOG_CORRUPT", `The file stream log ${path} is corrupt: line ${i + 1} is not valid JSON.`);
      }
    }
    return out;
  }

  #fileNames(): string[] {
    if (this.#dir === undefined) return [...this.#memory.keys()].map((id) => this.batchFileName(id));
    try {
      return readdirSync(this.#dir).filter((n) => !n.startsWith("."));
    } catch {
      return [];
    }
  }

  /** Removes batch files a later compact file covers, keeping minBatchesToRetain batches. */
  #deleteExpired(currentBatchId: number): void {
    const interval = this.compactInterval;
    const minRetain = this.#settings.minBatchesToRetain;
    if (interval > currentBatchId + 1 - minRetain) return;
    const minBatchId = currentBatchId + 1 - minRetain;
    const minCompactionBatchId = minBatchId - (minBatchId % interval) - 1;
    if (this.#dir === undefined) {
      for (const id of [...this.#memory.keys()]) if (id < minCompactionBatchId) this.#memory.delete(id);
      return;
    }
    const expiredTime = this.nowMs() - this.#settings.cleanupDelayMs;
    for (const name of this.#fileNames()) {
      const idText = name.endsWith(COMPACT_FILE_SUFFIX) ? name.slice(0, -COMPACT_FILE_SUFFIX.length) : name;
      if (!/^\d+$/.test(idText) || Number(idText) >= minCompactionBatchId) continue;
      const path = join(this.#dir, name);
      try {
        if (statSync(path).mtimeMs <= expiredTime) rmSync(path, { force: true });
      } catch {
        // Already gone.
      }
    }
  }
}
