// A table's state at one version (PROTOCOL.md "Action Reconciliation"): the newest checkpoint at
// or before the version, then every commit after it in order. The latest protocol and metadata
// win, an add or remove replaces any earlier action on the same path, the latest txn per appId
// wins.
import type { StructType } from "sluice/plugin-sdk";
import { parseCommit, type Action, type AddFile, type CommitInfo, type DomainMetadata, type Metadata, type Protocol, type RemoveFile, type SetTransaction } from "./actions.ts";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { readCheckpoint, readLastCheckpoint } from "./checkpoint.ts";
import { notADeltaTable, stateRecoverError, unsupportedReadFeatures, versionNotFound, versionsNotContiguous } from "./errors.ts";
import { checkReadable } from "./features.ts";
import { commitFile, commitModificationTime, listLog, readCommitText, type LogListing } from "./log_store.ts";
import { filePathKey } from "./paths.ts";
import { schemaFromJson } from "../formats/spark_schema_json.ts";

export interface Snapshot {
  readonly table: string;
  readonly version: number;
  readonly protocol: Protocol;
  readonly metadata: Metadata;
  readonly schema: StructType;
  /** Live files, keyed by their decoded path relative to the table. */
  readonly files: ReadonlyMap<string, AddFile>;
  /** Removed files still kept as tombstones (for VACUUM). */
  readonly tombstones: ReadonlyMap<string, RemoveFile>;
  readonly txns: ReadonlyMap<string, SetTransaction>;
  readonly domains: ReadonlyMap<string, DomainMetadata>;
}

/** Applies one action to the state being built. */
class StateBuilder {
  protocol?: Protocol;
  metadata?: Metadata;
  readonly files: Map<string, AddFile>;
  readonly tombstones: Map<string, RemoveFile>;
  readonly txns: Map<string, SetTransaction>;
  readonly domains: Map<string, DomainMetadata>;

  /** Starts empty, or from a copy of `base`'s state. */
  constructor(private readonly table: string, base?: Snapshot) {
    this.protocol = base?.protocol;
    this.metadata = base?.metadata;
    this.files = new Map(base?.files);
    this.tombstones = new Map(base?.tombstones);
    this.txns = new Map(base?.txns);
    this.domains = new Map(base?.domains);
  }

  apply(a: Action): void {
    if ("add" in a) {
      const key = filePathKey(this.table, a.add.path);
      this.files.set(key, a.add);
      this.tombstones.delete(key);
    } else if ("remove" in a) {
      const key = filePathKey(this.table, a.remove.path);
      this.files.delete(key);
      this.tombstones.set(key, a.remove);
    } else if ("metaData" in a) this.metadata = a.metaData;
    else if ("protocol" in a) this.protocol = a.protocol;
    else if ("txn" in a) this.txns.set(a.txn.appId, a.txn);
    else if ("domainMetadata" in a) {
      if (a.domainMetadata.removed) this.domains.delete(a.domainMetadata.domain);
      else this.domains.set(a.domainMetadata.domain, a.domainMetadata);
    }
  }

  build(version: number): Snapshot {
    if (!this.protocol) throw stateRecoverError("protocol", version);
    if (!this.metadata) throw stateRecoverError("metadata", version);
    checkReadable(this.protocol, this.metadata, this.table);
    return {
      table: this.table, version, protocol: this.protocol, metadata: this.metadata, schema: schemaFromJson(this.metadata.schemaString),
      files: this.files, tombstones: this.tombstones, txns: this.txns, domains: this.domains,
    };
  }
}

/** The latest version of the table, or -1 when it has no log. */
export function latestVersion(listing: LogListing): number {
  const c = listing.commits.at(-1) ?? -1;
  const k = listing.checkpoints.at(-1)?.version ?? -1;
  return Math.max(c, k);
}

/**
 * The last snapshot loaded per table, so the next one (a sink's next batch, a stream's next
 * trigger) applies only the commits since instead of replaying the checkpoint again. An entry is
 * used only while its commit file is still the one it was built from.
 */
const cache = new Map<string, { snapshot: Snapshot; mtimeMs: number }>();
/** Tables whose last snapshot is kept. */
export const SNAPSHOT_CACHE_TABLES = 16;

function commitMtime(table: string, version: number): number | undefined {
  try {
    return statSync(commitFile(table, version)).mtimeMs;
  } catch {
    return undefined;
  }
}

function cached(table: string): Snapshot | undefined {
  const c = cache.get(table);
  if (!c) return undefined;
  if (commitMtime(table, c.snapshot.version) !== c.mtimeMs) {
    cache.delete(table);
    return undefined;
  }
  return c.snapshot;
}

function remember(s: Snapshot): Snapshot {
  const mtimeMs = commitMtime(s.table, s.version);
  if (mtimeMs === undefined) return s;
  cache.delete(s.table);
  cache.set(s.table, { snapshot: s, mtimeMs });
  while (cache.size > SNAPSHOT_CACHE_TABLES) cache.delete(cache.keys().next().value!);
  return s;
}

/** The latest version, found without listing the log when a known version is given: commits after it are probed. */
export function latestVersionOf(path: string): number {
  const table = resolve(path);
  const base = cached(table)?.version ?? readLastCheckpoint(table)?.version;
  if (base === undefined || commitMtime(table, base) === undefined) return latestVersion(listLog(table));
  let v = base;
  while (existsSync(commitFile(table, v + 1))) v++;
  return v;
}

/** Loads the table at `version` (default: the latest). Throws DELTA_MISSING_DELTA_TABLE without a log. */
export function loadSnapshot(path: string, version?: number): Snapshot {
  const table = resolve(path);
  // The common case: the latest version, a few commits after one seen before.
  const prev = cached(table);
  const target0 = version ?? (prev ? latestVersionOf(table) : undefined);
  // A version asked for beyond the latest goes the long way, which refuses it with Delta's error.
  const known = prev && target0 !== undefined && (version === undefined || target0 <= latestVersionOf(table));
  if (prev && known && target0! >= prev.version && target0! - prev.version <= SNAPSHOT_CATCH_UP_COMMITS) {
    const target = target0!;
    if (target === prev.version) return prev;
    const state = new StateBuilder(table, prev);
    for (let v = prev.version + 1; v <= target; v++) for (const a of parseCommit(readCommitText(table, v))) state.apply(a);
    return remember(state.build(target));
  }

  const listing = listLog(table);
  const latest = latestVersion(listing);
  if (latest < 0) throw notADeltaTable(table);
  const target = version ?? latest;
  const earliest = earliestRecoverable(listing);
  if (!Number.isInteger(target) || target < earliest || target > latest) throw versionNotFound(target, earliest, latest);

  // The newest readable checkpoint at or before the target (the listing, not _last_checkpoint, is
  // what exists).
  const usable = listing.checkpoints.filter((c) => c.version <= target && !c.v2);
  const cp = usable.at(-1);
  const from = cp ? cp.version + 1 : 0;
  const commits = listing.commits.filter((v) => v >= from && v <= target);
  checkContiguous(commits, from, target, listing);
  if (!cp && listing.checkpoints.some((c) => c.v2 && c.version <= target) && commits[0] !== 0) {
    throw unsupportedReadFeatures(table, ["v2Checkpoint"]);
  }

  const state = new StateBuilder(table);
  if (cp) for (const a of readCheckpoint(cp.paths, cp.version)) state.apply(a);
  for (const v of commits) for (const a of parseCommit(readCommitText(table, v))) state.apply(a);
  const snapshot = state.build(target);
  return target === latest ? remember(snapshot) : snapshot;
}

/** Commits applied to a remembered snapshot at most; further behind, the newest checkpoint is read instead. */
export const SNAPSHOT_CATCH_UP_COMMITS = 100;

/** The oldest version a snapshot can be built at: commit 0, or the oldest checkpoint with commits after it. */
export function earliestRecoverable(listing: LogListing): number {
  if (listing.commits[0] === 0) return 0;
  const cp = listing.checkpoints.find((c) => !c.v2);
  return cp ? cp.version : listing.commits[0] ?? 0;
}

function checkContiguous(commits: readonly number[], from: number, target: number, listing: LogListing): void {
  let expected = from;
  for (const v of commits) {
    if (v !== expected) throw versionsNotContiguous(listing.commits, expected - 1, v, target);
    expected++;
  }
  if (expected !== target + 1) throw versionsNotContiguous(listing.commits, expected - 1, target, target);
}

/** One commit: its version, actions and timestamp (the commitInfo's, else the file's modification time). */
export interface Commit {
  version: number;
  actions: Action[];
  timestamp: number;
  info?: CommitInfo;
}

export function readCommit(table: string, version: number): Commit {
  const actions = parseCommit(readCommitText(table, version));
  const info = actions.find((a): a is { commitInfo: CommitInfo } => "commitInfo" in a)?.commitInfo;
  const ict = typeof info?.inCommitTimestamp === "number" ? info.inCommitTimestamp : undefined;
  return { version, actions, info, timestamp: ict ?? commitModificationTime(table, version) };
}
