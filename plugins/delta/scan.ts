// Reading a table's data files into rows of the table's schema: the data columns from Parquet
// (matched by name; a column a file lacks reads as null), the partition columns from the add
// action's partitionValues. Deletion vectors are never met here: tables that use them are
// refused when their snapshot is loaded.
import { readFileSync } from "node:fs";
import { parquetMetadata } from "hyparquet";
import { StructType, type Row } from "sluice/plugin-sdk";
import type { AddFile } from "./actions.ts";
import { absoluteFilePath } from "./paths.ts";
import { partitionValueReader } from "./partition_values.ts";
import { parquetFormat } from "../formats/parquet_format.ts";

export interface ScanConfig {
  table: string;
  schema: StructType;
  partitionColumns: readonly string[];
  timeZone: string;
  /** Only these columns are read from the files (the others are null); undefined: all. */
  requiredColumns?: readonly string[];
}

/** Reads files of one table: `read(add)` gives the file's rows in `schema`'s column order. */
export function fileScanner(c: ScanConfig): (add: AddFile) => Row[] {
  const fields = c.schema.fields;
  const lowerParts = c.partitionColumns.map((p) => p.toLowerCase());
  const isPart = fields.map((f) => lowerParts.includes(f.name.toLowerCase()));
  const required = c.requiredColumns ? new Set(c.requiredColumns.map((n) => n.toLowerCase())) : undefined;
  const dataIdx = fields.map((_, i) => i).filter((i) => !isPart[i] && fields[i]!.dataType.kind !== "null" && (!required || required.has(fields[i]!.name.toLowerCase())));
  const dataSchema = new StructType(dataIdx.map((i) => fields[i]!));
  const readRows = dataIdx.length > 0 ? parquetFormat.reader(dataSchema, {}, undefined as never) : undefined;
  const partIdx = fields.map((_, i) => i).filter((i) => isPart[i]);
  const partRead = partIdx.map((i) => partitionValueReader(fields[i]!.dataType, c.timeZone));
  const partKey = partIdx.map((i) => fields[i]!.name);
  return (add) => {
    const path = absoluteFilePath(c.table, add.path);
    const file = { path, size: add.size, mtimeMs: add.modificationTime, root: c.table };
    const width = fields.length;
    let rows: Row[];
    if (readRows) rows = readRows(file);
    else {
      // No data column is needed: the file's row count is.
      const n = parquetRowCount(path);
      rows = Array.from({ length: n }, () => []);
    }
    const pv = partIdx.map((_, k) => {
      const raw = lookup(add.partitionValues, partKey[k]!);
      return partRead[k]!(raw);
    });
    const out: Row[] = new Array(rows.length);
    const simple = partIdx.length === 0 && dataIdx.length === width;
    for (let r = 0; r < rows.length; r++) {
      if (simple) {
        out[r] = rows[r]!;
        continue;
      }
      const src = rows[r]!;
      const row = new Array(width).fill(null);
      for (let k = 0; k < dataIdx.length; k++) row[dataIdx[k]!] = src[k] ?? null;
      for (let k = 0; k < partIdx.length; k++) row[partIdx[k]!] = pv[k];
      out[r] = row;
    }
    return out;
  };
}

/** The partition value for `name`, matching the key's case as written, else ignoring case. */
function lookup(values: Record<string, string | null>, name: string): string | null {
  if (name in values) return values[name] ?? null;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(values)) if (k.toLowerCase() === lower) return v;
  return null;
}

function parquetRowCount(path: string): number {
  const b = readFileSync(path);
  const meta = parquetMetadata(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  return Number(meta.num_rows);
}
