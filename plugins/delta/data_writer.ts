// Writes a table's data files: Parquet (snappy), one file per partition directory and at most
// maxRecordsPerFile rows each, named as delta-spark names them, each written under a hidden name
// and renamed into place. A file is part of the table only once a commit adds it, so a crash
// leaves at most an orphan file, which VACUUM removes.
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { castToString, StructType, type Row } from "sluice/plugin-sdk";
import type { AddFile } from "./actions.ts";
import { fileSystemError } from "./errors.ts";
import { parquetEncoder } from "../formats/parquet_encoder.ts";
import { partitionDirectory, partitionValueWriter } from "./partition_values.ts";
import { encodeLogPath } from "./paths.ts";
import { StatsCollector } from "./stats.ts";

/** Rows a data file holds at most unless maxRecordsPerFile says otherwise: bounds what is held in memory. */
export const DEFAULT_MAX_ROWS_PER_FILE = 500_000;

export interface DataWriterConfig {
  table: string;
  /** The table's schema; rows arrive in this column order. */
  schema: StructType;
  partitionColumns: readonly string[];
  timeZone: string;
  maxRowsPerFile?: number;
  /** delta.dataSkippingNumIndexedCols. */
  indexedColumns?: number;
}

interface OpenFile {
  dir: string;
  values: Record<string, string | null>;
  rows: Row[];
}

/** One write's data files: rows go in by chunks, files come out as add actions. */
export class DataFileWriter {
  readonly #c: DataWriterConfig;
  readonly #partIdx: number[];
  readonly #dataIdx: number[];
  readonly #dataSchema: StructType;
  readonly #valueText: ((v: unknown) => string | null)[];
  readonly #dirText: ((v: unknown) => string)[];
  readonly #open = new Map<string, OpenFile>();
  readonly #added: AddFile[] = [];
  readonly #written: string[] = [];
  readonly #id = randomUUID();
  readonly #encode = parquetEncoder("SNAPPY");
  readonly #whole: boolean;
  #fileNo = 0;
  numOutputRows = 0;
  numOutputBytes = 0;

  constructor(c: DataWriterConfig) {
    this.#c = c;
    const fields = c.schema.fields;
    this.#partIdx = c.partitionColumns.map((p) => fields.findIndex((f) => f.name.toLowerCase() === p.toLowerCase()));
    // Void columns are in the table's schema but not in its files (Parquet has no such type).
    this.#dataIdx = fields.map((_, i) => i).filter((i) => !this.#partIdx.includes(i) && fields[i]!.dataType.kind !== "null");
    this.#dataSchema = new StructType(this.#dataIdx.map((i) => fields[i]!));
    this.#whole = this.#dataIdx.length === fields.length;
    this.#valueText = this.#partIdx.map((i) => partitionValueWriter(fields[i]!.dataType, c.timeZone));
    this.#dirText = this.#partIdx.map((i) => castToString(fields[i]!.dataType, c.timeZone));
  }

  get dataSchema(): StructType {
    return this.#dataSchema;
  }

  write(rows: readonly Row[]): void {
    const max = this.#c.maxRowsPerFile && this.#c.maxRowsPerFile > 0 ? this.#c.maxRowsPerFile : DEFAULT_MAX_ROWS_PER_FILE;
    const part = this.#partIdx;
    for (const row of rows) {
      let key = "";
      if (part.length > 0) for (let k = 0; k < part.length; k++) key += `${k > 0 ? "\u0000" : ""}${valueKey(row[part[k]!])}`;
      let f = this.#open.get(key);
      if (!f) {
        const values: Record<string, string | null> = {};
        const dirTexts: (string | null)[] = [];
        part.forEach((i, k) => {
          const v = row[i];
          values[this.#c.schema.fields[i]!.name] = this.#valueText[k]!(v);
          dirTexts.push(v === null || v === undefined ? null : this.#dirText[k]!(v));
        });
        f = { dir: partitionDirectory(part.map((i) => this.#c.schema.fields[i]!.name), dirTexts), values, rows: [] };
        this.#open.set(key, f);
      }
      f.rows.push(this.#whole ? row : this.#dataIdx.map((i) => row[i]));
      if (f.rows.length >= max) this.#flush(f);
    }
  }

  /** Writes what is still buffered and returns every file of this write as an add action. */
  finish(): AddFile[] {
    for (const f of this.#open.values()) if (f.rows.length > 0) this.#flush(f);
    this.#open.clear();
    return this.#added;
  }

  /** Removes the files written so far (the write failed or its commit lost). */
  discard(): void {
    for (const p of this.#written) rmSync(p, { force: true });
    this.#written.length = 0;
  }

  #flush(f: OpenFile): void {
    const rows = f.rows;
    f.rows = [];
    const name = `part-${String(this.#fileNo++).padStart(5, "0")}-${this.#id}${f.dir === "" ? "-" : "."}c000.snappy.parquet`;
    const relative = f.dir === "" ? name : `${f.dir}/${name}`;
    const target = join(this.#c.table, relative);
    const stats = new StatsCollector(this.#dataSchema, this.#c.indexedColumns);
    stats.add(rows);
    const bytes = this.#encode(rows, this.#dataSchema);
    try {
      mkdirSync(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.${name}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, target);
    } catch (e) {
      throw fileSystemError("write the data file", target, e);
    }
    this.#written.push(target);
    const st = statSync(target);
    const size = st.size;
    this.numOutputRows += rows.length;
    this.numOutputBytes += size;
    this.#added.push({
      path: encodeLogPath(relative), partitionValues: f.values, size, modificationTime: Math.floor(st.mtimeMs), dataChange: true, stats: stats.json(),
    });
  }
}

/** A key that tells partition values apart (dates, numbers, strings, bigints, booleans). */
function valueKey(v: unknown): string {
  if (v === null || v === undefined) return "\u0001null";
  if (typeof v === "bigint") return `${v}n`;
  return `${typeof v}:${String(v)}`;
}
