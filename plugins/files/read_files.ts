// Reads a list of files into rows of the source schema: the format's data columns followed by
// each file's partition values. readFiles gathers them; fileChunks hands them out a file (or a
// format's piece, a Parquet row group) at a time, so a batch of many files is never held whole.
import { SluiceError, type Row, type StructType } from "sluice/plugin-sdk";
import type { FormatContext } from "../formats/format.ts";
import type { ListedFile } from "../formats/list_files.ts";
import { partitionValues } from "../formats/partitioning.ts";

export interface FileRowReader {
  readFile(file: ListedFile): Row[];
  /** A file a piece at a time, when the format has pieces. */
  readPieces?(file: ListedFile, maxRows: number): Iterable<Row[]>;
  partitionSchema: StructType;
  root: string;
  ctx: FormatContext;
  ignoreMissingFiles: boolean;
}

export function readFiles(files: readonly ListedFile[], r: FileRowReader): Row[] {
  const out: Row[] = [];
  for (const rows of fileChunks(files, r, Infinity)) {
    if (files.length === 1 && out.length === 0) return rows;
    for (const row of rows) out.push(row);
  }
  return out;
}

/** The rows of `files`, a file (or a piece of one) at a time, partition values appended. */
export function* fileChunks(files: readonly ListedFile[], r: FileRowReader, maxRows: number): Generator<Row[]> {
  const withPartitions = r.partitionSchema.fields.length > 0;
  for (const file of files) {
    let pieces: Iterable<Row[]>;
    try {
      pieces = r.readPieces && Number.isFinite(maxRows) ? r.readPieces(file, maxRows) : [r.readFile(file)];
    } catch (e) {
      if (skipped(e, file, r)) continue;
      throw e;
    }
    const values = withPartitions ? partitionValues(file.path, file.root || r.root, r.partitionSchema, r.ctx.zone, r.ctx.zoneId) : [];
    const it = pieces[Symbol.iterator]();
    for (;;) {
      let step: IteratorResult<Row[]>;
      try {
        step = it.next();
      } catch (e) {
        if (skipped(e, file, r)) break;
        throw e;
      }
      if (step.done) break;
      const rows = step.value;
      if (withPartitions) for (const row of rows) for (const v of values) row.push(v);
      if (rows.length > 0) yield rows;
    }
  }
}

/** ignoreMissingFiles: a file deleted since it was listed is skipped with a warning. */
function skipped(e: unknown, file: ListedFile, r: FileRowReader): boolean {
  if (r.ignoreMissingFiles && e instanceof SluiceError && e.code === "FAILED_READ_FILE.FILE_NOT_EXIST") {
    r.ctx.log.warn(`Skipped missing file: ${file.path}`);
    return true;
  }
  return false;
}
