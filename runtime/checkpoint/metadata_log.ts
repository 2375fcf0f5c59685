// Spark's HDFSMetadataLog layout: one file per batch id in a directory, each "v1" then JSON lines.
// Used for offsets/ and commits/. A file that is not in this form is reported with its path
// instead of being read as empty.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { externalError } from "../errors.ts";
import { parseExact } from "../json/exact_json.ts";
import { writeFileAtomic } from "./atomic_write.ts";

export const LOG_VERSION = "v1";

export class MetadataLog {
  constructor(readonly dir: string) {}

  path(batchId: number): string {
    return join(this.dir, String(batchId));
  }

  /** The batch ids present, ascending. */
  batchIds(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((f) => /^\d+$/.test(f)).map(Number).sort((a, b) => a - b);
  }

  latest(): number | undefined {
    const ids = this.batchIds();
    return ids[ids.length - 1];
  }

  has(batchId: number): boolean {
    return existsSync(this.path(batchId));
  }

  /** The JSON lines after the version line. */
  read(batchId: number): string[] {
    const path = this.path(batchId);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw externalError("CHECKPOINT_UNREADABLE", `Cannot read checkpoint file ${path}: ${(e as Error).message}`, { hint: "Check the permissions of the checkpoint directory." });
    }
    const lines = text.split("\n");
    if (lines[0] !== LOG_VERSION) throw corrupt(path, `expected a first line "${LOG_VERSION}"`);
    return lines.slice(1).filter((l, i, all) => !(l === "" && i === all.length - 1));
  }

  write(batchId: number, lines: readonly string[]): void {
    writeFileAtomic(this.path(batchId), [LOG_VERSION, ...lines].join("\n") + "\n");
  }

  /** Removes entries with ids below `minBatchId`. */
  purgeBefore(minBatchId: number): void {
    for (const id of this.batchIds()) if (id < minBatchId) rmSync(this.path(id), { force: true });
  }

  /** Parses JSON (integers beyond 2^53 exact, as Spark's longs), reporting the file if it is not JSON. */
  parse(batchId: number, line: string): unknown {
    try {
      return parseExact(line);
    } catch {
      throw corrupt(this.path(batchId), "a line is not valid JSON (truncated or corrupt file?)");
    }
  }
}

export function corrupt(path: string, why: string) {
  return externalError("CHECKPOINT_CORRUPT", `The checkpoint file ${path} is corrupt: ${why}.`, {
    hint: "Restore the file from a backup, or start the query with a new checkpointLocation (it will reprocess from the sources' starting offsets).",
  });
}
