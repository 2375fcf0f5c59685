// Spark's FileStreamSourceLog (checkpoint `sources/<i>/`): for each source batch, the files it
// took, as {"path":"file:///…","timestamp":<mtime ms>,"batchId":N}. A compact file holds the
// entries of earlier batches too, so a batch's own files are those with its batchId.
import { CompactibleFileStreamLog, type CompactibleLogSettings, allValidBatches } from "./compactible_log.ts";

export interface FileEntry {
  /** URI-encoded file path (file:///…). */
  path: string;
  /** Modification time, epoch ms. */
  timestamp: number;
  batchId: number;
}

export class FileStreamSourceLog {
  readonly log: CompactibleFileStreamLog<FileEntry>;

  constructor(dir: string | undefined, settings: CompactibleLogSettings) {
    this.log = new CompactibleFileStreamLog<FileEntry>(dir, settings);
  }

  latestBatchId(): number {
    return this.log.latestBatchId() ?? -1;
  }

  add(batchId: number, entries: readonly FileEntry[]): boolean {
    return this.log.add(batchId, entries);
  }

  /** Every file taken so far (to rebuild the seen-files map on restart). */
  restore(): FileEntry[] {
    return this.log.allEntries();
  }

  /** The files of batches start..end (inclusive), in batch order. */
  filesBetween(start: number, end: number): FileEntry[] {
    const out: FileEntry[] = [];
    let fromCompact: Map<number, FileEntry[]> | undefined;
    for (let id = start; id <= end; id++) {
      const logged = this.log.get(id);
      if (logged !== undefined) {
        out.push(...logged.filter((e) => e.batchId === id));
        continue;
      }
      // The batch file was deleted after a compaction: its entries are in the latest compact file.
      fromCompact ??= this.#latestCompactByBatch();
      const entries = fromCompact.get(id);
      if (entries === undefined) {
        throw new Error(`The file source log has no entry for batch ${id} (looked in ${this.log.dir ?? "memory"}).`);
      }
      out.push(...entries);
    }
    return out;
  }

  #latestCompactByBatch(): Map<number, FileEntry[]> {
    const byBatch = new Map<number, FileEntry[]>();
    const latest = this.log.latestBatchId();
    if (latest === undefined) return byBatch;
    const compactId = allValidBatches(latest, this.log.compactInterval)[0]!;
    for (const e of this.log.get(compactId) ?? []) {
      if (!byBatch.has(e.batchId)) byBatch.set(e.batchId, []);
      byBatch.get(e.batchId)!.push(e);
    }
    return byBatch;
  }
}
