// Checks a checkpoint before a query resumes from it, as Spark's MicroBatchExecution and stateful
// operators do, but before any batch runs: a damaged checkpoint (offsets/ entries deleted, a log
// that does not line up with the query) is refused with Spark's error class and the path, never
// resumed from a wrong batch id. Resuming from a wrong id is how data gets lost: sinks skip batch
// ids they have already committed (the file sinks' _spark_metadata, PostgreSQL's sluice_progress).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { externalError, SluiceError } from "../errors.ts";
import type { Checkpoint } from "./checkpoint.ts";

const RESTORE = "Restore the missing files from a backup, or start the query with a new checkpointLocation " +
  "(it then reprocesses from the sources' starting offsets).";

/** Spark's CONCURRENT_STREAM_LOG_UPDATE: a batch id that the commit log already holds would be reused. */
function logUpdate(batchId: number, detail: string): SluiceError {
  return new SluiceError("CONCURRENT_STREAM_LOG_UPDATE",
    `Concurrent update to the log. Multiple streaming jobs detected for ${batchId}. ` +
      "Please make sure only one streaming job runs on a specific checkpoint location at a time.",
    { sqlState: "40000", kind: "external", hint: `${detail} ${RESTORE}` });
}

/**
 * True when `dir` holds a state version (a <version>.delta or .snapshot file at any depth). The
 * operators' _metadata/schema files do not count: they are written when a query first starts,
 * before its batch 0 is planned.
 */
function hasStateFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile() && /^\d+\.(delta|snapshot)$/.test(e.name)) return true;
    if (e.isDirectory() && hasStateFiles(join(dir, e.name))) return true;
  }
  return false;
}

export interface IntegrityOptions {
  /** The query has stateful operators (they would start from empty state on batch 0). */
  stateful: boolean;
  /** How many streaming sources the query reads, in plan order. */
  sources: number;
}

/**
 * Throws when the checkpoint cannot be resumed without reusing or skipping batch ids:
 * - the commit log holds a batch the offset log does not (offsets/N or all of offsets/ deleted):
 *   CONCURRENT_STREAM_LOG_UPDATE, the class Spark raises when it then tries to commit that id;
 * - no offsets at all but state files for a stateful query: STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY;
 * - the batch before the latest offsets entry is missing (Spark: "batch N doesn't exist");
 * - the latest offsets entry names another number of sources than the query has.
 */
export function checkIntegrity(cp: Checkpoint, o: IntegrityOptions): void {
  const offsetIds = cp.offsets.batchIds();
  const commitIds = cp.commits.batchIds();
  const latestOffset = offsetIds[offsetIds.length - 1];
  const latestCommit = commitIds[commitIds.length - 1];

  if (latestOffset === undefined) {
    if (o.stateful && hasStateFiles(cp.stateDir())) {
      throw new SluiceError("STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY",
        `The checkpoint location ${cp.stateDir()} should be empty on batch 0. ` +
          "Please either use a new checkpoint location, or delete the existing data in the checkpoint location.",
        { sqlState: "42K03", kind: "external", hint: `${cp.offsets.dir} is missing or empty, but the query's state is not: its offset log was deleted. ${RESTORE}` });
    }
    if (latestCommit !== undefined) {
      throw logUpdate(0, `${cp.commits.path(latestCommit)} exists but ${cp.offsets.dir} holds no batch: the offset log was deleted, and batch 0 would be run again under an id the sink has already committed.`);
    }
    return;
  }
  if (latestCommit !== undefined && latestCommit > latestOffset) {
    throw logUpdate(latestOffset + 1 <= latestCommit ? latestOffset + 1 : latestCommit,
      `${cp.commits.path(latestCommit)} exists but ${cp.offsets.path(latestCommit)} does not: offsets entries were deleted, and the next batch would reuse an id the sink has already committed.`);
  }
  if (latestOffset > 0 && !cp.offsets.has(latestOffset - 1)) {
    throw externalError("CHECKPOINT_CORRUPT",
      `batch ${latestOffset - 1} doesn't exist: ${cp.offsets.path(latestOffset - 1)} is missing, which is required to restart the query from the latest batch ${latestOffset} of the offset log.`,
      { hint: `Spark needs the two latest offset files (${latestOffset - 1} and ${latestOffset}) to resume. ${RESTORE}` });
  }
  const seq = cp.readOffsets(latestOffset);
  if (seq.offsets.length !== o.sources) {
    throw externalError("CHECKPOINT_SOURCES_MISMATCH",
      `There are [${seq.offsets.length}] sources in the checkpoint offsets and now there are [${o.sources}] sources requested by the query. Cannot continue.`,
      { hint: `${cp.offsets.path(latestOffset)} was written by a query with other sources. Use a new checkpointLocation for a query with other sources.` });
  }
}
