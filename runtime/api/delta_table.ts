// delta-spark's Python DeltaTable (`from delta.tables import DeltaTable`) for path-based tables:
// forPath, isDeltaTable, toDF, history, optimize().executeCompaction(), vacuum. The work is done by
// the Delta connector (plugins/delta/maintenance.ts); this turns its results into DataFrames with
// delta-spark's columns.
import { userError } from "../errors.ts";
import { anyNode } from "../expr/transform.ts";
import { parseExpression } from "../sql/parse_expression.ts";
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

const count = (name: string) => f(name, LONG);
const num = (n: string) => f(n, new StructType([count("num"), count("size")]));
const numFiles = (n: string) => f(n, new StructType([count("numFiles"), count("size")]));

/** executeCompaction()'s result: the table's path and delta-spark 4.1's OptimizeMetrics, field for field. */
export const OPTIMIZE_SCHEMA = new StructType([
  f("path", STRING),
  f("metrics", new StructType([
    f("numFilesAdded", LONG), f("numFilesRemoved", LONG), f("filesAdded", FILE_STATS), f("filesRemoved", FILE_STATS),
    f("partitionsOptimized", LONG),
    f("zOrderStats", new StructType([
      f("strategyName", STRING), num("inputCubeFiles"), num("inputOtherFiles"), count("inputNumCubes"), num("mergedFiles"),
      count("numOutputCubes"), count("mergedNumCubes"),
    ])),
    f("clusteringStats", new StructType([
      numFiles("inputZCubeFiles"), numFiles("inputOtherFiles"), count("inputNumZCubes"), numFiles("mergedFiles"), count("numOutputZCubes"),
    ])),
    count("numBins"), count("numBatches"), count("totalConsideredFiles"), count("totalFilesSkipped"), f("preserveInsertionOrder", BOOLEAN),
    count("numFilesSkippedToReduceWriteAmplification"), count("numBytesSkippedToReduceWriteAmplification"), count("startTimeMs"),
    count("endTimeMs"), count("totalClusterParallelism"), count("totalScheduledTasks"),
    f("autoCompactParallelismStats", new StructType([
      count("maxClusterActiveParallelism"), count("minClusterActiveParallelism"), count("maxSessionActiveParallelism"), count("minSessionActiveParallelism"),
    ])),
    f("deletionVectorStats", new StructType([count("numDeletionVectorsRemoved"), count("numDeletionVectorRowsRemoved")])),
    count("numTableColumns"), count("numTableColumnsWithStats"),
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
  const dv = m.deletionVectorStats;
  return [r.path, [
    m.numFilesAdded, m.numFilesRemoved, stats(m.filesAdded), stats(m.filesRemoved), m.partitionsOptimized, null, null, m.numBins,
    m.numBatches, m.totalConsideredFiles, m.totalFilesSkipped, m.preserveInsertionOrder, m.numFilesSkippedToReduceWriteAmplification,
    m.numBytesSkippedToReduceWriteAmplification, m.startTimeMs, m.endTimeMs, m.totalClusterParallelism, m.totalScheduledTasks, null,
    dv === null ? null : [dv.numDeletionVectorsRemoved, dv.numDeletionVectorRowsRemoved], m.numTableColumns, m.numTableColumnsWithStats,
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
  private readonly predicates: string[] = [];

  constructor(private readonly session: SparkSession, private readonly path: string) {}

  /**
   * Compacts only the partitions matching `partitionFilter`, a SQL predicate over partition
   * columns (DELTA_NON_PARTITION_COLUMN_REFERENCE for another column); several where() all apply.
   */
  where(partitionFilter: string): DeltaOptimizeBuilder {
    this.predicates.push(partitionFilter);
    return this;
  }

  /** Bin-packs each partition's small files into files of about spark.databricks.delta.optimize.maxFileSize (Sluice: 128 MB). */
  executeCompaction(): DataFrame {
    const s = this.session;
    const where = this.predicates.length === 0 ? undefined : {
      predicate: this.predicates.join(" AND "),
      select: (columns: readonly StructField[], values: readonly (string | null)[][]) => selectPartitions(s, this.predicates, columns, values, this.path),
    };
    const r = optimizeDeltaTable(this.path, { nowMs: () => s.clock.nowMs(), log: s.log, conf: (k) => s.conf.get(k) }, where);
    return frame(s, OPTIMIZE_SCHEMA, [optimizeRow(r)]);
  }
}

/**
 * Which partitions (their values as the log keeps them) the predicates select: the values cast to
 * the partition columns' types, filtered with Spark's SQL semantics.
 */
function selectPartitions(
  s: SparkSession, predicates: readonly string[], columns: readonly StructField[], values: readonly (string | null)[][], path: string,
): boolean[] {
  const names = columns.map((c) => c.name.toLowerCase());
  const tableColumns = s.read.format("delta").load(path).schema.fields.map((f) => f.name);
  for (const p of predicates) {
    anyNode(parseExpression(p), (n) => {
      if (n.kind !== "column") return false;
      const name = n.parts[n.parts.length - 1]!;
      if (!names.includes(name.toLowerCase()) && tableColumns.some((c) => c.toLowerCase() === name.toLowerCase())) {
        throw userError("DELTA_NON_PARTITION_COLUMN_REFERENCE",
          `Predicate references non-partition column '${name}'. Only the partition columns may be referenced: [${columns.map((c) => c.name).join(", ")}]`,
          { sqlState: "42P10" });
      }
      return false;
    });
  }
  const raw = new StructType([new StructField("__partition", LONG, false), ...columns.map((c) => new StructField(c.name, STRING, true))]);
  let df = s.createDataFrame(values.map((v, i) => [i, ...v]), raw)
    .selectExpr("__partition", ...columns.map((c) => `CAST(\`${c.name.replace(/`/g, "``")}\` AS ${c.dataType.sql()}) AS \`${c.name.replace(/`/g, "``")}\``));
  for (const p of predicates) df = df.filter(p);
  const kept = new Set(df.collectRaw().rows.map((r) => Number((r as unknown[])[0])));
  return values.map((_, i) => kept.has(i));
}
