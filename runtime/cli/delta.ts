// `sluice delta history|optimize|vacuum PATH`: DeltaTable's maintenance from the command line, for
// a scheduled job or a quick look. Output is Spark's show() table (history), the OPTIMIZE metrics,
// and the files VACUUM deleted (or would, with --dry-run).
import { HISTORY_SCHEMA, historyRows } from "../api/delta_table.ts";
import { showString } from "../api/show_string.ts";
import { optimizeDeltaTable, vacuumDeltaTable } from "../plugin/builtins.ts";
import { systemClock } from "../platform/system_clock.ts";
import { StructType } from "../types/data_type.ts";
import type { DeltaArgs } from "./args.ts";

const SHOWN = ["version", "timestamp", "operation", "operationParameters", "readVersion", "isBlindAppend", "operationMetrics"];

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** What the command prints; throws the maintenance's own errors (DELTA_MISSING_DELTA_TABLE, …). */
export function deltaText(args: DeltaArgs): string {
  if (args.action === "history") {
    const rows = historyRows(args.path, args.limit);
    const idx = SHOWN.map((n) => HISTORY_SCHEMA.fieldIndex(n));
    const schema = new StructType(idx.map((i) => HISTORY_SCHEMA.fields[i]!));
    return showString(schema, rows.map((r) => idx.map((i) => r[i])), rows.length, 40, "UTC");
  }
  const conf = new Map(args.conf);
  const ctx = { nowMs: () => systemClock.nowMs(), conf: (k: string) => conf.get(k) };
  if (args.action === "optimize") {
    const r = optimizeDeltaTable(args.path, ctx);
    const m = r.metrics;
    if (r.version === undefined) return `Nothing to compact in ${r.path} (${m.totalConsideredFiles} files considered); no commit.\n`;
    return `Compacted ${m.numFilesRemoved} files (${mb(m.filesRemoved.totalSize)}) into ${m.numFilesAdded} (${mb(m.filesAdded.totalSize)}) ` +
      `in ${m.partitionsOptimized} partition(s) of ${r.path}: version ${r.version}.\n`;
  }
  const r = vacuumDeltaTable(args.path, args.retainHours, ctx, args.dryRun);
  const list = r.files.map((f) => `${f}\n`).join("");
  return args.dryRun
    ? `Would delete ${r.files.length} files from ${r.path}:\n${list}`
    : `Deleted ${r.files.length} files from ${r.path}.\n`;
}
