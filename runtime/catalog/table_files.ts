// Writing and removing a catalog table's data files: one part file per partition directory per
// write (part-00000-<uuid>.c000<ext>, Spark's naming), written under a hidden name and renamed so
// readers never see half a file. An overwrite removes the old files only once the new ones are in
// place.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { castToString } from "../expr/cast.ts";
import { getTimeZone } from "../expr/datetime/time_zone.ts";
import type { Row } from "../plugin/contract.ts";
import { StructType } from "../types/data_type.ts";
import type { CatalogTable } from "./catalog_table.ts";
import { formatEncoder } from "./format_writers.ts";
import { DEFAULT_PARTITION_NAME, escapePathName } from "../plugin/builtins.ts";

/** The files and partition directories a table's directory holds (names not starting with _ or .). */
export function dataEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith("_") && !n.startsWith("."));
}

/** Writes `rows` (in the table's column order) into the table's directory; `overwrite` replaces what was there. */
export function writeTableRows(table: CatalogTable, rows: readonly Row[], overwrite: boolean, timeZone: string): void {
  mkdirSync(table.location, { recursive: true });
  const old = overwrite ? dataEntries(table.location) : [];
  const fields = table.schema.fields;
  const partIdx = table.partitionColumns.map((p) => fields.findIndex((f) => f.name.toLowerCase() === p.toLowerCase()));
  const dataIdx = fields.map((_, i) => i).filter((i) => !partIdx.includes(i));
  const dataSchema = new StructType(dataIdx.map((i) => fields[i]!));
  const zone = getTimeZone(timeZone);
  const encoder = formatEncoder(table.provider, dataSchema, table.options, { zone, zoneId: timeZone });
  const partText = partIdx.map((i) => castToString(fields[i]!.dataType, timeZone));
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    let dir = "";
    partIdx.forEach((i, k) => {
      const v = row[i];
      const text = v === null || v === undefined ? "" : partText[k]!(v);
      dir += `${k > 0 ? "/" : ""}${escapePathName(fields[i]!.name)}=${text === "" ? DEFAULT_PARTITION_NAME : escapePathName(text)}`;
    });
    let g = groups.get(dir);
    if (!g) groups.set(dir, (g = []));
    g.push(partIdx.length === 0 ? row : dataIdx.map((i) => row[i]));
  }
  // An unpartitioned write of no rows still writes an (empty) file for Parquet, as Spark does.
  if (groups.size === 0 && partIdx.length === 0 && table.provider === "parquet") groups.set("", []);
  const id = randomUUID();
  for (const [dir, group] of groups) {
    const target = join(table.location, dir);
    mkdirSync(target, { recursive: true });
    const name = `part-00000-${id}.c000${encoder.extension}`;
    const tmp = join(target, `.${name}.tmp`);
    writeFileSync(tmp, encoder.encode(group, dataSchema));
    renameSync(tmp, join(target, name));
  }
  for (const entry of old) rmSync(join(table.location, entry), { recursive: true, force: true });
}

/** Removes a table's data (TRUNCATE, INSERT OVERWRITE of nothing) but keeps its directory. */
export function removeTableData(table: CatalogTable): void {
  for (const entry of dataEntries(table.location)) rmSync(join(table.location, entry), { recursive: true, force: true });
}

/** Whether a directory exists and holds data (a managed table may not be created over it). */
export function hasData(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}
