// The files of a table's _delta_log on a local file system: commits named by their 20-digit
// version, checkpoints, _last_checkpoint. A commit is written put-if-absent: the whole file is
// written under a hidden temporary name, then hard-linked to its final name, which fails when
// another writer got there first (link(2) never replaces), so two writers can never both own a
// version and no reader ever sees half a commit.
import { randomUUID } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileSystemError } from "./errors.ts";

export const LOG_DIR = "_delta_log";

export function logDir(table: string): string {
  return join(table, LOG_DIR);
}

export function versionName(version: number): string {
  return String(version).padStart(20, "0");
}

export function commitFile(table: string, version: number): string {
  return join(logDir(table), `${versionName(version)}.json`);
}

export function checkpointFile(table: string, version: number): string {
  return join(logDir(table), `${versionName(version)}.checkpoint.parquet`);
}

export function lastCheckpointFile(table: string): string {
  return join(logDir(table), "_last_checkpoint");
}

/** A checkpoint found in the log: one file (classic) or all parts of a multi-part one. */
export interface CheckpointFiles {
  version: number;
  paths: string[];
  /** True for a UUID-named (v2) checkpoint, which Sluice does not read. */
  v2: boolean;
}

export interface LogListing {
  /** Commit versions present, ascending. */
  commits: number[];
  /** Complete checkpoints, ascending by version. */
  checkpoints: CheckpointFiles[];
}

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTI = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const UUID_NAMED = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(json|parquet)$/;

/** What the log directory holds; an empty listing when it does not exist. */
export function listLog(table: string): LogListing {
  const dir = logDir(table);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT" || (e as { code?: string }).code === "ENOTDIR") return { commits: [], checkpoints: [] };
    throw fileSystemError("list", dir, e);
  }
  const commits: number[] = [];
  const classic = new Map<number, string>();
  const multi = new Map<string, { version: number; total: number; parts: Map<number, string> }>();
  const v2 = new Map<number, string>();
  for (const name of names) {
    let m = COMMIT.exec(name);
    if (m) {
      commits.push(Number(m[1]));
      continue;
    }
    m = CLASSIC.exec(name);
    if (m) {
      classic.set(Number(m[1]), join(dir, name));
      continue;
    }
    m = MULTI.exec(name);
    if (m) {
      const key = `${m[1]}/${m[3]}`;
      let g = multi.get(key);
      if (!g) multi.set(key, (g = { version: Number(m[1]), total: Number(m[3]), parts: new Map() }));
      g.parts.set(Number(m[2]), join(dir, name));
      continue;
    }
    m = UUID_NAMED.exec(name);
    if (m) v2.set(Number(m[1]), join(dir, name));
  }
  commits.sort((a, b) => a - b);
  const checkpoints: CheckpointFiles[] = [];
  for (const [version, path] of classic) checkpoints.push({ version, paths: [path], v2: false });
  for (const g of multi.values()) {
    // A multi-part checkpoint with a part missing is incomplete: readers ignore it (PROTOCOL.md).
    if (g.parts.size !== g.total || classic.has(g.version)) continue;
    checkpoints.push({ version: g.version, paths: [...g.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p), v2: false });
  }
  for (const [version, path] of v2) if (!classic.has(version)) checkpoints.push({ version, paths: [path], v2: true });
  checkpoints.sort((a, b) => a.version - b.version);
  return { commits, checkpoints };
}

export function readCommitText(table: string, version: number): string {
  const path = commitFile(table, version);
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw fileSystemError("read", path, e);
  }
}

/** The commit file's modification time in ms (the commit's timestamp for time travel). */
export function commitModificationTime(table: string, version: number): number {
  return Math.floor(statSync(commitFile(table, version)).mtimeMs);
}

/**
 * Writes `text` as `path` only if nothing is there yet. Returns false when another writer has
 * already created it (the caller's commit lost the race); throws on other failures.
 */
export function putIfAbsent(path: string, text: string | Uint8Array): boolean {
  const dir = path.slice(0, path.lastIndexOf("/"));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${path.slice(dir.length + 1)}.${randomUUID()}.tmp`);
  try {
    writeFileSync(tmp, text);
  } catch (e) {
    throw fileSystemError("write", tmp, e);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === "EEXIST") return false;
    throw fileSystemError("create", path, e);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone; nothing to clean.
    }
  }
}

/** Writes a file that may be replaced (checkpoint, _last_checkpoint): temporary name, then rename. */
export function writeReplacing(path: string, bytes: string | Uint8Array): void {
  const dir = path.slice(0, path.lastIndexOf("/"));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${path.slice(dir.length + 1)}.${randomUUID()}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never written.
    }
    throw fileSystemError("write", path, e);
  }
}

/** The table directory has a _delta_log with at least one commit or checkpoint. */
export function isDeltaTable(table: string): boolean {
  if (!existsSync(logDir(table))) return false;
  const l = listLog(table);
  return l.commits.length > 0 || l.checkpoints.length > 0;
}
