// A query's checkpoint directory, laid out as Spark's: metadata ({"id": …}), offsets/N,
// commits/N, state/…, sources/<i>/…. Restart reads it to resume exactly where the query stopped.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringifyExact } from "../json/exact_json.ts";
import type { Offset } from "../plugin/contract.ts";
import { writeFileAtomic } from "./atomic_write.ts";
import { corrupt, MetadataLog } from "./metadata_log.ts";

/** offsets/N: what batch N reads, with the watermark and timestamp it ran with. */
export interface OffsetSeq {
  batchWatermarkMs: number;
  batchTimestampMs: number;
  conf: Record<string, string>;
  /** One entry per source, in plan order; null where a source had no offset yet ("-" in the file). */
  offsets: Offset[];
}

export interface CommitEntry {
  nextBatchWatermarkMs: number;
}

export class Checkpoint {
  readonly offsets: MetadataLog;
  readonly commits: MetadataLog;

  constructor(readonly dir: string) {
    this.offsets = new MetadataLog(join(dir, "offsets"));
    this.commits = new MetadataLog(join(dir, "commits"));
  }

  /** The query id kept in `metadata`, creating the file with `newId` on first use. */
  queryId(newId: string): string {
    const path = join(this.dir, "metadata");
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      try {
        const id = (JSON.parse(text.split("\n")[0]!) as { id?: unknown }).id;
        if (typeof id === "string") return id;
      } catch {
        // fall through to the error below
      }
      throw corrupt(path, 'expected {"id": "<uuid>"}');
    }
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(path, JSON.stringify({ id: newId }) + "\n");
    return newId;
  }

  sourceDir(i: number): string {
    return join(this.dir, "sources", String(i));
  }

  stateDir(): string {
    return join(this.dir, "state");
  }

  writeOffsets(batchId: number, seq: OffsetSeq): void {
    const meta = { batchWatermarkMs: seq.batchWatermarkMs, batchTimestampMs: seq.batchTimestampMs, conf: seq.conf };
    this.offsets.write(batchId, [JSON.stringify(meta), ...seq.offsets.map((o) => (o === null ? "-" : stringifyExact(o)))]);
  }

  readOffsets(batchId: number): OffsetSeq {
    const lines = this.offsets.read(batchId);
    if (lines.length < 1) throw corrupt(this.offsets.path(batchId), "missing the metadata line");
    const meta = this.offsets.parse(batchId, lines[0]!) as Partial<OffsetSeq>;
    if (typeof meta.batchWatermarkMs !== "number" || typeof meta.batchTimestampMs !== "number") {
      throw corrupt(this.offsets.path(batchId), "the metadata line lacks batchWatermarkMs or batchTimestampMs");
    }
    return {
      batchWatermarkMs: meta.batchWatermarkMs,
      batchTimestampMs: meta.batchTimestampMs,
      conf: meta.conf ?? {},
      offsets: lines.slice(1).map((l) => (l === "-" ? null : (this.offsets.parse(batchId, l) as Offset))),
    };
  }

  writeCommit(batchId: number, entry: CommitEntry): void {
    this.commits.write(batchId, [JSON.stringify(entry)]);
  }

  readCommit(batchId: number): CommitEntry {
    const lines = this.commits.read(batchId);
    const e = this.commits.parse(batchId, lines[0] ?? "") as Partial<CommitEntry>;
    if (typeof e?.nextBatchWatermarkMs !== "number") throw corrupt(this.commits.path(batchId), "expected nextBatchWatermarkMs");
    return { nextBatchWatermarkMs: e.nextBatchWatermarkMs };
  }

  /** Keeps the last `keep` batches of both logs (spark.sql.streaming.minBatchesToRetain). */
  purge(currentBatchId: number, keep: number): void {
    const min = currentBatchId - keep + 1;
    if (min <= 0) return;
    this.offsets.purgeBefore(min);
    this.commits.purgeBefore(min);
  }
}
