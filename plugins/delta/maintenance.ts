// Table maintenance as delta-spark's DeltaTable does it: history (the commits' commitInfo, newest
// first), OPTIMIZE's compaction (bin-packing each partition's small files into files of about
// maxFileSize, one commit whose adds and removes have dataChange=false, so streams reading the
// table see nothing new) and VACUUM (deleting files the table no longer references once they are
// older than the retention, between a "VACUUM START" and a "VACUUM END" commit).
import { readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger, StructField } from "sluice/plugin-sdk";
import { removeOf, type AddFile, type CommitInfo } from "./actions.ts";
import { DataFileWriter } from "./data_writer.ts";
import { notADeltaTable, vacuumRetentionNegative, vacuumRetentionTooShort } from "./errors.ts";
import { checkWritable } from "./features.ts";
import { commitHistory } from "./history.ts";
import { isDeltaTable, LOG_DIR } from "./log_store.ts";
import { filePathKey } from "./paths.ts";
import { fileScanner } from "./scan.ts";
import { loadSnapshot } from "./snapshot.ts";
import { DEFAULT_DELETED_FILE_RETENTION_MS, retentionMs, Transaction } from "./transaction.ts";

export interface MaintenanceContext {
  nowMs(): number;
  log?: Logger;
  conf(key: string): string | undefined;
}

/** The table's directory, refused (DELTA_MISSING_DELTA_TABLE) when it holds no Delta table. */
export function requireTable(path: string): string {
  const table = resolve(path);
  if (!isDeltaTable(table)) throw notADeltaTable(table);
  return table;
}

// ---- history ----

export interface HistoryEntry {
  version: number;
  timestamp: number;
  info?: CommitInfo;
}

/** The commits still in the log, newest first, at most `limit` of them. */
export function tableHistory(path: string, limit?: number): HistoryEntry[] {
  const all = commitHistory(requireTable(path)).reverse();
  return limit === undefined || limit <= 0 ? all : all.slice(0, limit);
}

// ---- OPTIMIZE ----

/** delta-spark's spark.databricks.delta.optimize.maxFileSize is 1 GB; Sluice aims at 128 MB files. */
export const DEFAULT_OPTIMIZE_MAX_FILE_SIZE = 128 * 1024 * 1024;

export interface FileSizeStats {
  /** null without files (delta-spark's None). */
  min: number | null;
  max: number | null;
  avg: number;
  totalFiles: number;
  totalSize: number;
}

/** delta-spark's OptimizeMetrics (zOrderStats, clusteringStats, autoCompactParallelismStats: always null here). */
export interface OptimizeMetrics {
  numFilesAdded: number;
  numFilesRemoved: number;
  filesAdded: FileSizeStats;
  filesRemoved: FileSizeStats;
  partitionsOptimized: number;
  /** Bins of files compacted together (one new file each). */
  numBins: number;
  numBatches: number;
  totalConsideredFiles: number;
  totalFilesSkipped: number;
  preserveInsertionOrder: boolean;
  numFilesSkippedToReduceWriteAmplification: number;
  numBytesSkippedToReduceWriteAmplification: number;
  startTimeMs: number;
  endTimeMs: number;
  /** spark.default.parallelism (Sluice: 1 unless set). */
  totalClusterParallelism: number;
  /** One task per bin, as delta-spark schedules them. */
  totalScheduledTasks: number;
  deletionVectorStats: { numDeletionVectorsRemoved: number; numDeletionVectorRowsRemoved: number } | null;
  numTableColumns: number;
  numTableColumnsWithStats: number;
}

export interface OptimizeResult {
  path: string;
  /** The version committed, or undefined when there was nothing to compact (no commit). */
  version?: number;
  metrics: OptimizeMetrics;
}

function sizeStats(sizes: readonly number[]): FileSizeStats {
  if (sizes.length === 0) return { min: null, max: null, avg: 0, totalFiles: 0, totalSize: 0 };
  const total = sizes.reduce((a, b) => a + b, 0);
  return { min: Math.min(...sizes), max: Math.max(...sizes), avg: total / sizes.length, totalFiles: sizes.length, totalSize: total };
}

const sizeOption = (text: string | undefined, fallback: number) => {
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Bins of files (each under maxFileSize together), per partition, as delta-spark's OptimizeExecutor packs them. */
function binPack(files: readonly AddFile[], maxFileSize: number): AddFile[][] {
  const bins: AddFile[][] = [];
  let bin: AddFile[] = [];
  let size = 0;
  for (const f of [...files].sort((a, b) => a.size - b.size)) {
    if (bin.length > 0 && size + f.size > maxFileSize) {
      bins.push(bin);
      bin = [];
      size = 0;
    }
    bin.push(f);
    size += f.size;
  }
  if (bin.length > 0) bins.push(bin);
  // A bin of one file would rewrite it as it is.
  return bins.filter((b) => b.length > 1);
}

/**
 * optimize().where(predicate): which partitions to compact. Given the table's partition columns and
 * each distinct partition's values (as the log keeps them: strings, null), says which are selected;
 * `predicate` is the text recorded in the commit.
 */
export interface PartitionSelection {
  predicate: string;
  select(partitionColumns: readonly StructField[], values: readonly (string | null)[][]): boolean[];
}

/** optimize().executeCompaction(): compacts small files; one OPTIMIZE commit (none when nothing to do). */
export function optimizeTable(path: string, ctx: MaintenanceContext, where?: PartitionSelection): OptimizeResult {
  const table = requireTable(path);
  const start = ctx.nowMs();
  const maxFileSize = sizeOption(ctx.conf("spark.databricks.delta.optimize.maxFileSize"), DEFAULT_OPTIMIZE_MAX_FILE_SIZE);
  const minFileSize = sizeOption(ctx.conf("spark.databricks.delta.optimize.minFileSize"), maxFileSize);
  const txn = new Transaction(table, { nowMs: ctx.nowMs, log: ctx.log });
  const snap = txn.snapshot!;
  checkWritable(snap.protocol, snap.metadata, snap.schema, table);
  let all = [...snap.files.values()];
  if (where) {
    const columns = snap.metadata.partitionColumns;
    const fields = columns.map((c) => snap.schema.fields.find((f) => f.name === c)!);
    const keyOf = (f: AddFile) => JSON.stringify(columns.map((c) => f.partitionValues[c] ?? null));
    const keys = [...new Set(all.map(keyOf))];
    const chosen = where.select(fields, keys.map((k) => JSON.parse(k) as (string | null)[]));
    const selected = new Set(keys.filter((_, i) => chosen[i]));
    all = all.filter((f) => selected.has(keyOf(f)));
  }
  // Files with deletion vectors never get here: such tables are refused when loaded.
  const candidates = all.filter((f) => f.size < minFileSize);
  const byPartition = new Map<string, AddFile[]>();
  for (const f of candidates) {
    const key = JSON.stringify(snap.metadata.partitionColumns.map((c) => f.partitionValues[c] ?? null));
    let g = byPartition.get(key);
    if (!g) byPartition.set(key, (g = []));
    g.push(f);
  }
  const bins = [...byPartition.values()].flatMap((files) => binPack(files, maxFileSize));
  const read = fileScanner({ table, schema: snap.schema, partitionColumns: snap.metadata.partitionColumns, timeZone: "UTC" });
  const added: AddFile[] = [];
  const removed: AddFile[] = [];
  const writers: DataFileWriter[] = [];
  let partitions = 0;
  const seenPartitions = new Set<string>();
  const indexed = snap.metadata.configuration?.["delta.dataSkippingNumIndexedCols"];
  try {
    for (const bin of bins) {
      const writer = new DataFileWriter({
        table, schema: snap.schema, partitionColumns: snap.metadata.partitionColumns, timeZone: "UTC",
        maxRowsPerFile: Number.MAX_SAFE_INTEGER, indexedColumns: indexed === undefined ? undefined : Number(indexed),
      });
      writers.push(writer);
      for (const f of bin) {
        writer.write(read(f));
        removed.push(f);
        txn.readFiles.add(filePathKey(table, f.path));
      }
      for (const a of writer.finish()) added.push({ ...a, dataChange: false });
      const pk = JSON.stringify(bin[0]!.partitionValues);
      if (!seenPartitions.has(pk)) {
        seenPartitions.add(pk);
        partitions++;
      }
    }
  } catch (e) {
    for (const w of writers) w.discard();
    throw e;
  }
  const metrics: OptimizeMetrics = {
    numFilesAdded: added.length, numFilesRemoved: removed.length,
    filesAdded: sizeStats(added.map((a) => a.size)), filesRemoved: sizeStats(removed.map((r) => r.size)),
    partitionsOptimized: partitions, numBins: bins.length, numBatches: 1,
    totalConsideredFiles: all.length, totalFilesSkipped: all.length - removed.length, preserveInsertionOrder: false,
    numFilesSkippedToReduceWriteAmplification: 0, numBytesSkippedToReduceWriteAmplification: 0, startTimeMs: start, endTimeMs: start,
    totalClusterParallelism: sizeOption(ctx.conf("spark.default.parallelism"), 1), totalScheduledTasks: bins.length,
    deletionVectorStats: null,
    numTableColumns: snap.schema.fields.length,
    numTableColumnsWithStats: Math.min(snap.schema.fields.length, indexed === undefined ? 32 : Math.max(0, Number(indexed))),
  };
  if (bins.length === 0) {
    metrics.endTimeMs = ctx.nowMs();
    return { path: table, metrics };
  }
  const now = ctx.nowMs();
  const actions = [
    ...added.map((add) => ({ add })),
    ...removed.map((f) => ({ remove: removeOf(f, now, false) })),
  ];
  let version: number;
  try {
    version = txn.commit(actions, {
      name: "OPTIMIZE",
      parameters: { predicate: JSON.stringify(where ? [where.predicate] : []), zOrderBy: "[]", clusterBy: "[]", auto: "false" },
      metrics: {
        numRemovedFiles: String(removed.length), numRemovedBytes: String(metrics.filesRemoved.totalSize),
        numAddedFiles: String(added.length), numAddedBytes: String(metrics.filesAdded.totalSize),
        minFileSize: String(metrics.filesAdded.min ?? 0), maxFileSize: String(metrics.filesAdded.max ?? 0),
      },
    });
  } catch (e) {
    for (const w of writers) w.discard();
    throw e;
  }
  metrics.endTimeMs = ctx.nowMs();
  return { path: table, version, metrics };
}

// ---- VACUUM ----

export interface VacuumResult {
  path: string;
  /** Files (absolute paths) deleted, or that would be with dryRun. */
  files: string[];
}

/** Names VACUUM never looks into: the log, and hidden or underscore names (except partition directories). */
function hidden(name: string, partitionColumns: readonly string[]): boolean {
  if (name === LOG_DIR) return true;
  if (!(name.startsWith("_") || name.startsWith("."))) return false;
  return !partitionColumns.some((c) => name.startsWith(`${c}=`));
}

/** vacuum(retentionHours): deletes unreferenced files older than the retention; empty directories too. */
export function vacuumTable(path: string, retentionHours: number | undefined, ctx: MaintenanceContext, dryRun = false): VacuumResult {
  const table = requireTable(path);
  const snap = loadSnapshot(table);
  checkWritable(snap.protocol, snap.metadata, snap.schema, table);
  const configured = retentionMs(snap.metadata.configuration?.["delta.deletedFileRetentionDuration"], DEFAULT_DELETED_FILE_RETENTION_MS);
  if (retentionHours !== undefined && retentionHours < 0) throw vacuumRetentionNegative();
  const retention = retentionHours === undefined ? configured : Math.round(retentionHours) * 3_600_000;
  const check = (ctx.conf("spark.databricks.delta.retentionDurationCheck.enabled") ?? "true").toLowerCase() !== "false";
  if (check && retention < configured) throw vacuumRetentionTooShort(Math.ceil(configured / 3_600_000));
  const now = ctx.nowMs();
  const before = now - retention;
  const valid = new Set<string>();
  for (const key of snap.files.keys()) valid.add(key);
  for (const [key, r] of snap.tombstones) if ((r.deletionTimestamp ?? 0) >= before) valid.add(key);
  const parts = snap.metadata.partitionColumns;
  const doomed: string[] = [];
  const emptyDirs: string[] = [];
  // Walks a directory; returns whether anything in it stays.
  const walk = (dir: string, rel: string): boolean => {
    let keeps = false;
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const relName = rel === "" ? name : `${rel}/${name}`;
      if (hidden(name, parts)) {
        keeps = true;
        continue;
      }
      const st = statSync(abs);
      if (st.isDirectory()) {
        if (walk(abs, relName)) keeps = true;
        else emptyDirs.push(abs);
      } else if (!valid.has(relName) && st.mtimeMs < before) doomed.push(abs);
      else keeps = true;
    }
    return keeps;
  };
  walk(table, "");
  if (dryRun) return { path: table, files: doomed };
  const txnCtx = { nowMs: ctx.nowMs, log: ctx.log };
  new Transaction(table, txnCtx, snap).commit([], {
    name: "VACUUM START",
    parameters: { retentionCheckEnabled: String(check), defaultRetentionMillis: String(configured), ...(retentionHours !== undefined ? { specifiedRetentionMillis: String(retention) } : {}) },
    metrics: { numFilesToDelete: String(doomed.length), sizeOfDataToDelete: String(doomed.reduce((s, f) => s + statSync(f).size, 0)) },
  });
  for (const f of doomed) rmSync(f, { force: true });
  // Deepest first, so a directory emptied by its children's removal goes too.
  for (const d of emptyDirs.sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(d);
    } catch {
      // Not empty after all (a writer added a file meanwhile): it stays.
    }
  }
  new Transaction(table, txnCtx).commit([], {
    name: "VACUUM END",
    parameters: { status: "COMPLETED" },
    metrics: { numDeletedFiles: String(doomed.length), numVacuumedDirectories: String(emptyDirs.length) },
  });
  return { path: table, files: doomed };
}
