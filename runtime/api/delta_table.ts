// delta-spark's Python DeltaTable (`from delta.tables import DeltaTable`) for path-based tables:
// forPath, isDeltaTable, toDF, history, optimize().executeCompaction(), vacuum. The work is done by
// the Delta connector (plugins/delta/maintenance.ts); this turns its results into DataFrames with
// delta-spark's columns.
import { userError } from "../errors.ts";
import { attributesOf } from "../plan/attribute.ts";
import type { Plan } from "../plan/plan.ts";
import type { Row as InternalRow } from "../plugin/contract.ts";
import { isDeltaTablePath, optimizeDeltaTable, requireDeltaTable, deltaTableHistory, vacuumDeltaTable, type DeltaOptimizeMetrics } from "../plugin/builtins.ts";
import {
  BOOLEAN, DOUBLE, LONG, MapType, STRING, StructField, StructType, TIMESTAMP,
} from "../types/data_type.ts";
import { DataFrame } from "./data_frame.ts";
import type { SparkSession } from "./session.ts";

const f = (name: string, type: StructType["fields"][number]["dataType"]) => new StructField(name, type, true);
const STRING_MAP = new MapType(STRING, STRING, true);

/** DESCRIBE HISTORY's columns, as delta-spark's DeltaHistory. */
export const HISTORY_SCHEMA = new StructType([
  f("version", LONG), f("timestamp", TIMESTAMP), f("userId", STRING), f("userName", STRING), f("operation", STRING),
  f("operationParameters", STRING_MAP),
  f("job", new StructType([f("jobId", STRING), f("jobName", STRING), f("jobRunId", STRING), f("runId", STRING), f("jobOwnerId", STRING), f("triggerType", STRING)])),
  f("notebook", new StructType([f("notebookId", STRING)])),
  f("clusterId", STRING), f("readVersion", LONG), f("isolationLevel", STRING), f("isBlindAppend", BOOLEAN),
  f("operationMetrics", STRING_MAP), f("userMetadata", STRING), f("engineInfo", STRING),
]);

const FILE_STATS = new StructType([f("min", LONG), f("max", LONG), f("avg", DOUBLE), f("totalFiles", LONG), f("totalSize", LONG)]);

/** executeCompaction()'s result: the table's path and delta-spark's OptimizeMetrics (the fields Sluice computes). */
export const OPTIMIZE_SCHEMA = new StructType([
  f("path", STRING),
  f("metrics", new StructType([
    f("numFilesAdded", LONG), f("numFilesRemoved", LONG), f("filesAdded", FILE_STATS), f("filesRemoved", FILE_STATS),
    f("partitionsOptimized", LONG), f("numBatches", LONG), f("totalConsideredFiles", LONG), f("totalFilesSkipped", LONG),
    f("startTimeMs", LONG), f("endTimeMs", LONG),
  ])),
]);

function frame(session: SparkSession, schema: StructType, rows: InternalRow[]): DataFrame {
  const plan: Plan = Object.freeze({ kind: "local", rows, output: attributesOf(schema), streaming: false });
  return new DataFrame(session, plan);
}

const mapOf = (o: Record<string, unknown> | undefined) => (o ? new Map(Object.entries(o).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)])) : null);
const stats = (s: DeltaOptimizeMetrics["filesAdded"]) => [s.min, s.max, s.avg, s.totalFiles, s.totalSize];

/** The rows of history(): HISTORY_SCHEMA, newest commit first. */
export function historyRows(path: string, limit?: number): InternalRow[] {
  return deltaTableHistory(path, limit).map((c) => {
    const i = c.info;
    const get = (k: string) => (i && typeof i[k] === "string" ? (i[k] as string) : null);
    return [
      c.version, c.timestamp * 1000, get("userId"), get("userName"), i?.operation ?? null, mapOf(i?.operationParameters),
      null, null, get("clusterId"), typeof i?.readVersion === "number" ? i.readVersion : null, i?.isolationLevel ?? null,
      typeof i?.isBlindAppend === "boolean" ? i.isBlindAppend : null, mapOf(i?.operationMetrics), get("userMetadata"), i?.engineInfo ?? null,
    ];
  });
}

/** executeCompaction()'s row (OPTIMIZE_SCHEMA). */
export function optimizeRow(r: { path: string; metrics: DeltaOptimizeMetrics }): InternalRow {
  const m = r.metrics;
  return [r.path, [
    m.numFilesAdded, m.numFilesRemoved, stats(m.filesAdded), stats(m.filesRemoved), m.partitionsOptimized, m.numBatches,
    m.totalConsideredFiles, m.totalFilesSkipped, m.startTimeMs, m.endTimeMs,
  ]];
}

export class DeltaTable {
  private constructor(private readonly session: SparkSession, readonly path: string) {}

  /** The Delta table at `path`; DELTA_MISSING_DELTA_TABLE when there is none. */
  static forPath(session: SparkSession, path: string): DeltaTable {
    return new DeltaTable(session, requireDeltaTable(path));
  }

  static isDeltaTable(_session: SparkSession, path: string): boolean {
    return isDeltaTablePath(path);
  }

  /** The table's current content (spark.read.format("delta").load(path)). */
  toDF(): DataFrame {
    return this.session.read.format("delta").load(this.path);
  }

  /** The table's commits, newest first; `limit` keeps the newest that many. */
  history(limit?: number): DataFrame {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw userError("INVALID_PARAMETER_VALUE", `The value of parameter limit in history() is invalid: expected a non-negative integer, got ${limit}.`);
    }
    return frame(this.session, HISTORY_SCHEMA, historyRows(this.path, limit));
  }

  /** OPTIMIZE: `optimize().executeCompaction()` compacts the table's small files. */
  optimize(): DeltaOptimizeBuilder {
    return new DeltaOptimizeBuilder(this.session, this.path);
  }

  /**
   * VACUUM: deletes files the table no longer references that are older than `retentionHours`
   * (default: the table's delta.deletedFileRetentionDuration, 7 days). Returns the table's path.
   */
  vacuum(retentionHours?: number): DataFrame {
    const s = this.session;
    const r = vacuumDeltaTable(this.path, retentionHours, { nowMs: () => s.clock.nowMs(), log: s.log, conf: (k) => s.conf.get(k) });
    return frame(s, new StructType([f("path", STRING)]), [[r.path]]);
  }
}

export class DeltaOptimizeBuilder {
  constructor(private readonly session: SparkSession, private readonly path: string) {}

  /** Bin-packs each partition's small files into files of about spark.databricks.delta.optimize.maxFileSize (Sluice: 128 MB). */
  executeCompaction(): DataFrame {
    const s = this.session;
    const r = optimizeDeltaTable(this.path, { nowMs: () => s.clock.nowMs(), log: s.log, conf: (k) => s.conf.get(k) });
    return frame(s, OPTIMIZE_SCHEMA, [optimizeRow(r)]);
  }
}
