// Errors of the state store, with Spark's error classes and words
// (CANNOT_LOAD_STATE_STORE.*, CANNOT_WRITE_STATE_STORE.*, STATE_STORE_OPERATION_OUT_OF_ORDER).
import { externalError, SluiceError } from "../errors.ts";

const LOAD = "An error occurred during loading state.";
const RESTARTED_HINT =
  "If the stream job is restarted with a new or updated state operation, please create a new checkpoint location or clear the existing checkpoint location.";

export function missingStateFile(kind: "delta" | "snapshot", path: string, provider: string): SluiceError {
  return kind === "delta"
    ? externalError("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS",
      `${LOAD} Error reading delta file ${path} of ${provider}: ${path} does not exist.`,
      { sqlState: "58030", hint: RESTARTED_HINT })
    : externalError("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_SNAPSHOT_FILE",
      `${LOAD} Error reading snapshot file ${path} of ${provider}: ${path} does not exist.`,
      { sqlState: "58030", hint: RESTARTED_HINT });
}

/** A state file that exists but cannot be read back: truncated, damaged, or not a state file. */
export function unreadableStateFile(kind: "delta" | "snapshot", path: string, provider: string, why: string, cause?: unknown): SluiceError {
  return externalError("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED",
    `${LOAD} Error reading ${kind} file ${path} of ${provider}: ${why}.`,
    {
      sqlState: "58030",
      cause,
      hint: "The checkpoint's state files were damaged or changed outside Sluice. Restore them from a backup, or start the query with a new checkpoint location.",
    });
}

/** A version the store cannot hand out (negative, or no longer kept by an in-memory store). */
export function unexpectedVersion(version: number): SluiceError {
  return new SluiceError("CANNOT_LOAD_STATE_STORE.UNEXPECTED_VERSION",
    `${LOAD} Version cannot be ${version} because it is less than 0.`,
    { sqlState: "58030", kind: "internal" });
}

export function versionNotRetained(version: number, provider: string, oldest: number, latest: number): SluiceError {
  return new SluiceError("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED",
    `${LOAD} Version ${version} of ${provider} is not available: it keeps versions ${oldest} to ${latest} in memory.`,
    { sqlState: "58030", kind: "internal" });
}

export function cannotCommit(provider: string, cause: unknown): SluiceError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return externalError("CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT",
    `Error writing state store files for provider ${provider}. Cannot perform commit during state checkpoint. (${why})`,
    { sqlState: "58030", cause, hint: "Check that the checkpoint location is writable and has free space." });
}

/** The store was used out of order (after commit/abort, or after another load): a bug in Sluice. */
export function outOfOrder(message: string): SluiceError {
  return new SluiceError("STATE_STORE_OPERATION_OUT_OF_ORDER",
    `Streaming stateful operator attempted to access state store out of order. This is a bug, please retry. error_msg=${message}`,
    { sqlState: "XXKST", kind: "internal" });
}
