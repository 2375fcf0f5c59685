// df.write for the file formats (Spark's InsertIntoHadoopFsRelationCommand with the default
// committer): part files per partition directory (part-00000-<uuid>.c000<ext>), _SUCCESS once the
// job is done, and Spark's save modes on the path: errorifexists refuses an existing path, ignore
// writes nothing there, overwrite replaces its content, append adds files. Files are written under
// hidden names and renamed at commit; an overwrite removes the old content only after that, so a
// failed write leaves the directory as it was (plus nothing visible).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { castToString, userError, type Row, type SaveContext, type SaveWriter, type StructType } from "sluice/plugin-sdk";
import type { FileEncoder } from "../formats/encoder.ts";
import { DEFAULT_PARTITION_NAME, escapePathName } from "../formats/partitioning.ts";

export interface FileSaveConfig {
  path: string;
  schema: StructType;
  partitionIndexes: number[];
  dataSchema: StructType;
  encoder: FileEncoder;
  compressSuffix: "" | ".gz";
  zoneId: string;
  /** The format writes a file for an empty unpartitioned write (Parquet keeps the schema that way). */
  emptyFile: boolean;
}

export function pathAlreadyExists(path: string) {
  return userError("PATH_ALREADY_EXISTS", `Path file:${path} already exists. Set mode as "overwrite" to overwrite the existing path.`, {
    sqlState: "42K04", hint: 'Use .mode("overwrite") to replace its content, .mode("append") to add to it, or another path.',
  });
}

/** The writer for one df.write, or null when the mode is ignore and the path exists. */
export function fileSave(c: FileSaveConfig, ctx: SaveContext): SaveWriter | null {
  const dir = resolve(c.path);
  const exists = existsSync(dir);
  if (exists && !statSync(dir).isDirectory()) {
    throw userError("FILE_SINK_PATH_IS_FILE", `The output path ${dir} is a file; df.write writes into a directory.`, { hint: "Give a directory path (it is created if missing)." });
  }
  if (exists && ctx.mode === "errorifexists") throw pathAlreadyExists(dir);
  if (exists && ctx.mode === "ignore") return null;
  const fields = c.schema.fields;
  const partText = c.partitionIndexes.map((i) => castToString(fields[i]!.dataType, c.zoneId));
  const dataIdx = fields.map((_, i) => i).filter((i) => !c.partitionIndexes.includes(i));
  const id = randomUUID();
  const groups = new Map<string, Row[]>();
  const written: { tmp: string; target: string }[] = [];
  let done = false;

  const discard = () => {
    for (const w of written) rmSync(w.tmp, { force: true });
    written.length = 0;
  };
  return {
    write(rows) {
      for (const row of rows) {
        let sub = "";
        c.partitionIndexes.forEach((i, k) => {
          const v = row[i];
          const text = v === null || v === undefined ? "" : partText[k]!(v);
          sub += `${k > 0 ? "/" : ""}${escapePathName(fields[i]!.name)}=${text === "" ? DEFAULT_PARTITION_NAME : escapePathName(text)}`;
        });
        let g = groups.get(sub);
        if (!g) groups.set(sub, (g = []));
        g.push(c.partitionIndexes.length === 0 ? row : dataIdx.map((i) => row[i]));
      }
    },
    commit() {
      if (done) return;
      done = true;
      const old = ctx.mode === "overwrite" && existsSync(dir) ? readdirSync(dir) : [];
      if (groups.size === 0 && c.partitionIndexes.length === 0 && c.emptyFile) groups.set("", []);
      try {
        mkdirSync(dir, { recursive: true });
        let n = 0;
        for (const [sub, rows] of groups) {
          const no = n++;
          const target = join(dir, sub, `part-${String(no).padStart(5, "0")}-${id}.c000${c.encoder.extension}${c.compressSuffix}`);
          let bytes = c.encoder.encode(rows, c.dataSchema);
          if (c.compressSuffix === ".gz") bytes = new Uint8Array(gzipSync(bytes));
          // Hidden, at the top: neither readers nor an overwrite's removal of old directories see it.
          const tmp = join(dir, `.part-${no}-${id}.tmp`);
          writeFileSync(tmp, bytes);
          written.push({ tmp, target });
        }
      } catch (e) {
        discard();
        throw e;
      }
      // The old content goes first (names never clash: the new files carry this write's id), then
      // the new files appear, then _SUCCESS says the job finished.
      for (const name of old) rmSync(join(dir, name), { recursive: true, force: true });
      for (const w of written) {
        mkdirSync(w.target.slice(0, w.target.lastIndexOf("/")), { recursive: true });
        renameSync(w.tmp, w.target);
      }
      writeFileSync(join(dir, "_SUCCESS"), "");
    },
    abort() {
      done = true;
      discard();
    },
  };
}
