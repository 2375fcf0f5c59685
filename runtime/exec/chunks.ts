// The bound on how many rows travel together: sources hand out chunks of at most this many rows,
// operators pass chunks on, sinks that take chunks receive them. Only state and about one chunk
// per operator are held while a batch runs, whatever the batch's size.
import type { Row } from "../plugin/contract.ts";

/** Rows in a chunk, at most. */
export const CHUNK_MAX_ROWS = 8192;

/** `rows` in chunks of at most `max` rows (the array itself when it is small enough). */
export function* chunksOf(rows: Row[], max = CHUNK_MAX_ROWS): Generator<Row[]> {
  if (rows.length <= max) {
    if (rows.length > 0) yield rows;
    return;
  }
  for (let i = 0; i < rows.length; i += max) yield rows.slice(i, i + max);
}
