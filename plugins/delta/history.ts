// The table's commits over time: each version's commitInfo and timestamp, for history() and for
// time travel by timestamp (delta-spark's DeltaHistoryManager). Timestamps come from the commit
// files' modification times (or in-commit timestamps), made strictly increasing the way
// delta-spark does, so a later version never has an earlier timestamp.
import type { CommitInfo } from "./actions.ts";
import { notADeltaTable, timestampAfterLatest, timestampBeforeEarliest } from "./errors.ts";
import { listLog } from "./log_store.ts";
import { earliestRecoverable, latestVersion, readCommit } from "./snapshot.ts";

export interface CommitEntry {
  version: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  info?: CommitInfo;
}

/** Every commit still in the log that a snapshot can be built at, oldest first. */
export function commitHistory(table: string): CommitEntry[] {
  const listing = listLog(table);
  if (latestVersion(listing) < 0) throw notADeltaTable(table);
  const from = earliestRecoverable(listing);
  const out: CommitEntry[] = [];
  for (const v of listing.commits) {
    if (v < from) continue;
    const c = readCommit(table, v);
    const prev = out.at(-1);
    const ts = prev && c.timestamp <= prev.timestamp ? prev.timestamp + 1 : c.timestamp;
    out.push({ version: v, timestamp: ts, info: c.info });
  }
  return out;
}

/** UTC "yyyy-MM-dd HH:mm:ss.SSS" as Spark prints a timestamp in messages. */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

/** The version current at `ms`: the latest commit at or before it (timestampAsOf). */
export function versionAtTimestamp(table: string, ms: number, given: string): number {
  const commits = commitHistory(table);
  const first = commits[0]!;
  const last = commits.at(-1)!;
  if (ms > last.timestamp) throw timestampAfterLatest(given, timestampText(last.timestamp));
  if (ms < first.timestamp) throw timestampBeforeEarliest(given, timestampText(first.timestamp));
  let v = first.version;
  for (const c of commits) if (c.timestamp <= ms) v = c.version;
  return v;
}

/** The first version committed at or after `ms` (streaming startingTimestamp). */
export function firstVersionAtOrAfter(table: string, ms: number, given: string): number {
  const commits = commitHistory(table);
  const hit = commits.find((c) => c.timestamp >= ms);
  if (!hit) throw timestampAfterLatest(given, timestampText(commits.at(-1)!.timestamp));
  return hit.version;
}
