// Reads a list of files into rows of the source schema: the format's data columns followed by
// each file's partition values.
import { SluiceError, type Row, type StructType } from "sluice/plugin-sdk";
import type { FormatContext } from "../formats/format.ts";
import type { ListedFile } from "../formats/list_files.ts";
import { partitionValues } from "../formats/partitioning.ts";

export interface FileRowReader {
  readFile(file: ListedFile): Row[];
  partitionSchema: StructType;
  root: string;
  ctx: FormatContext;
  ignoreMissingFiles: boolean;
}

export function readFiles(files: readonly ListedFile[], r: FileRowReader): Row[] {
  const out: Row[] = [];
  const withPartitions = r.partitionSchema.fields.length > 0;
  for (const file of files) {
    let rows: Row[];
    try {
      rows = r.readFile(file);
    } catch (e) {
      if (r.ignoreMissingFiles && e instanceof SluiceError && e.code === "FAILED_READ_FILE.FILE_NOT_EXIST") {
        r.ctx.log.warn(`Skipped missing file: ${file.path}`);
        continue;
      }
      throw e;
    }
    if (withPartitions) {
      const values = partitionValues(file.path, file.root || r.root, r.partitionSchema, r.ctx.zone, r.ctx.zoneId);
      for (const row of rows) {
        for (const v of values) row.push(v);
        out.push(row);
      }
    } else if (files.length === 1) {
      return rows;
    } else {
      for (const row of rows) out.push(row);
    }
  }
  return out;
}
