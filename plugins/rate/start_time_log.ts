// The rate source's start time, kept in the source's metadata directory (checkpoint
// `sources/<i>/0`) in Spark's format, "v1\n<epoch ms>", so a restarted query keeps counting from
// the moment it first started instead of from the restart.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { internalError } from "sluice/plugin-sdk";

const VERSION = 1;
const FILE = "0";

/** The start time recorded in `dir`, or `nowMs` after recording it there. */
export async function startTimeMs(dir: string | undefined, nowMs: number): Promise<number> {
  if (dir === undefined) return nowMs;
  const path = join(dir, FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") throw e;
  }
  if (text !== undefined) return parse(text, path);
  await mkdir(dir, { recursive: true });
  // Written to a temporary name and renamed, so a crash never leaves half a file behind.
  const tmp = join(dir, `.${FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `v${VERSION}\n${nowMs}`);
  await rename(tmp, path);
  return nowMs;
}

function parse(text: string, path: string): number {
  const newline = text.indexOf("\n");
  if (!text.startsWith("v") || newline <= 0) {
    throw internalError(`Log file was malformed: failed to detect the log file version line. (${path})`);
  }
  const version = Number(text.slice(1, newline));
  if (!Number.isInteger(version) || version < 1 || version > VERSION) {
    throw internalError(`Log file was malformed: failed to read correct log version from ${text.slice(0, newline)}. (${path})`);
  }
  const ms = Number(text.slice(newline + 1).trim());
  if (!Number.isSafeInteger(ms)) throw internalError(`Log file was malformed: bad start time in ${path}.`);
  return ms;
}
