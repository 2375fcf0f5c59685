// Finds the data files under a source path the way Spark's InMemoryFileIndex does: a directory is
// listed recursively, a glob is expanded first, and names starting with `_` or `.` (except
// partition directories like `_k=v`) and in-flight `._COPYING_` files are skipped. Each file keeps
// the root it was found under, from which its `key=value` partition directories are read.
import { readdirSync, statSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { globPaths, isGlobPath } from "./glob.ts";
import { pathNotFound, readError } from "./errors.ts";

export interface ListedFile {
  /** Absolute local path. */
  path: string;
  size: number;
  /** Modification time, epoch milliseconds (what Hadoop's local file system reports). */
  mtimeMs: number;
  /** The directory partition discovery starts from. */
  root: string;
  /** Only these bytes, [start, end), read as Hadoop reads a split of a line-delimited file. */
  range?: { readonly start: number; readonly end: number };
}

/** InMemoryFileIndex.shouldFilterOutPathName. */
export function isHiddenName(name: string): boolean {
  const exclude = (name.startsWith("_") && !name.includes("=")) || name.startsWith(".") || name.endsWith("._COPYING_");
  return exclude;
}

/**
 * Lists the files `path` (a file, a directory or a glob) stands for, sorted by path. A missing
 * plain path is PATH_NOT_FOUND; a glob that matches nothing is too, for batch reads only.
 */
export function listFiles(path: string, streaming: boolean): ListedFile[] {
  const roots = isGlobPath(path) ? globPaths(path) : [resolve(path)];
  if (roots.length === 0) {
    if (streaming) return [];
    throw pathNotFound(path, streaming);
  }
  const out: ListedFile[] = [];
  for (const root of roots) {
    const st = statOrNull(root);
    if (st === null) {
      if (isGlobPath(path)) continue; // removed between the glob and the stat
      throw pathNotFound(path, streaming);
    }
    if (st.isDirectory()) listDir(root, root, out);
    else out.push({ path: root, size: st.size, mtimeMs: Math.floor(st.mtimeMs), root: dirname(root) });
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** Throws PATH_NOT_FOUND unless `path` exists (globs are not checked, as in Spark's streaming source). */
export function checkPathExists(path: string, streaming: boolean): void {
  if (isGlobPath(path)) {
    if (!streaming && globPaths(path).length === 0) throw pathNotFound(path, streaming);
    return;
  }
  if (statOrNull(resolve(path)) === null) throw pathNotFound(path, streaming);
}

function listDir(dir: string, root: string, out: ListedFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // A directory that vanished while listing holds no files; an unreadable one is an error.
    if ((e as { code?: string }).code === "ENOENT") return;
    throw readError(dir, e);
  }
  for (const entry of entries) {
    if (isHiddenName(entry.name)) continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) isDir = statOrNull(full)?.isDirectory() ?? false;
    if (isDir) {
      listDir(full, root, out);
      continue;
    }
    const st = statOrNull(full);
    if (st === null || !st.isFile()) continue;
    out.push({ path: full, size: st.size, mtimeMs: Math.floor(st.mtimeMs), root });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
