// Writes a file so that readers see either the old state or the whole new file, never a part:
// write a temp file, fsync it, rename it over the target, fsync the directory.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
const bytesOf = (data: string | Uint8Array) => (typeof data === "string" ? new TextEncoder().encode(data) : data);

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = tempPath(path);
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, bytesOf(data));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dfd = openSync(dir, "r");
    try { fsyncSync(dfd); } finally { closeSync(dfd); }
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
}

/**
 * The same, asynchronously: many files written at once (one per state partition) wait on their
 * fsyncs together instead of one after the other.
 */
export async function writeFileAtomicAsync(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = tempPath(path);
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(bytesOf(data));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  try {
    const dh = await open(dir, "r");
    try { await dh.sync(); } finally { await dh.close(); }
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
}
