// Optimistic concurrency (delta-spark's OptimisticTransaction): a transaction reads the table at
// one version, prepares its actions, and tries to create the next commit file put-if-absent. When
// another writer took that version first, the winning commits are checked for conflicts with what
// this transaction read and changed; without a conflict it tries the next version, with one it
// fails with Delta's exception for that conflict. A blind append (reads nothing, changes no
// metadata) conflicts only with a concurrent metadata or protocol change or the same txn appId.
// Every `delta.checkpointInterval` (10) commits a Parquet checkpoint follows.
import { randomUUID } from "node:crypto";
import type { Logger } from "sluice/plugin-sdk";
import { commitText, type Action, type AddFile, type CommitInfo, type Metadata, type Protocol, type RemoveFile, type SetTransaction } from "./actions.ts";
import { writeCheckpoint } from "./checkpoint.ts";
import {
  concurrentAppend, concurrentDeleteRead, concurrentTransaction, metadataChanged, protocolChanged, tooManyCommitAttempts,
} from "./errors.ts";
import { commitFile, putIfAbsent } from "./log_store.ts";
import { filePathKey } from "./paths.ts";
import { loadSnapshot, readCommit, type Snapshot } from "./snapshot.ts";

export const ENGINE_INFO = "Sluice/0.1.0 Delta-Lake-protocol/(reader 1-3, writer 2-7)";

/** How often a commit is followed by a checkpoint, unless delta.checkpointInterval says otherwise. */
export const DEFAULT_CHECKPOINT_INTERVAL = 10;

/** Attempts at the next free version before giving up (each lost attempt means another writer committed). */
export const MAX_COMMIT_ATTEMPTS = 1000;

/** How long tombstones stay in checkpoints (delta.deletedFileRetentionDuration, default 1 week). */
export const DEFAULT_DELETED_FILE_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface Operation {
  /** commitInfo.operation: WRITE, STREAMING UPDATE, OPTIMIZE, … */
  name: string;
  parameters: Record<string, string>;
  metrics?: Record<string, string>;
  /** The writer's userMetadata option. */
  userMetadata?: string;
}

export interface TransactionContext {
  nowMs(): number;
  log?: Logger;
}

export class Transaction {
  /** The snapshot this transaction read (undefined: the table does not exist yet). */
  readonly snapshot: Snapshot | undefined;
  newMetadata?: Metadata;
  newProtocol?: Protocol;
  /** True when the result depends on every file of the table (complete mode, overwrite). */
  readsWholeTable = false;
  /** Files (keys) whose content this transaction depends on (OPTIMIZE's inputs). */
  readonly readFiles = new Set<string>();

  constructor(readonly table: string, private readonly ctx: TransactionContext, snapshot?: Snapshot | null) {
    this.snapshot = snapshot === undefined ? tryLoad(table) : snapshot ?? undefined;
  }

  get readVersion(): number {
    return this.snapshot?.version ?? -1;
  }

  get metadata(): Metadata | undefined {
    return this.newMetadata ?? this.snapshot?.metadata;
  }

  get protocol(): Protocol | undefined {
    return this.newProtocol ?? this.snapshot?.protocol;
  }

  /** The latest version this application committed (txn action), or -1. */
  txnVersion(appId: string): number {
    return this.snapshot?.txns.get(appId)?.version ?? -1;
  }

  /**
   * Commits `actions` as the next version, retrying past versions other writers took when they do
   * not conflict. Returns the version committed.
   */
  commit(actions: readonly Action[], op: Operation): number {
    const now = this.ctx.nowMs();
    const adds = actions.filter((a): a is { add: AddFile } => "add" in a).map((a) => a.add);
    const removes = actions.filter((a): a is { remove: RemoveFile } => "remove" in a).map((a) => a.remove);
    const txns = actions.filter((a): a is { txn: SetTransaction } => "txn" in a).map((a) => a.txn);
    const isBlindAppend = removes.length === 0 && !this.readsWholeTable && this.readFiles.size === 0 && adds.every((a) => a.dataChange);
    const info: CommitInfo = {
      timestamp: now,
      operation: op.name,
      operationParameters: op.parameters,
      ...(this.readVersion >= 0 ? { readVersion: this.readVersion } : {}),
      isolationLevel: "Serializable",
      isBlindAppend,
      ...(op.metrics ? { operationMetrics: op.metrics } : {}),
      ...(op.userMetadata !== undefined ? { userMetadata: op.userMetadata } : {}),
      engineInfo: ENGINE_INFO,
      txnId: randomUUID(),
    };
    const all: Action[] = [{ commitInfo: info }];
    if (this.newMetadata) all.push({ metaData: this.newMetadata });
    if (this.newProtocol) all.push({ protocol: this.newProtocol });
    for (const t of txns) all.push({ txn: t });
    for (const a of actions) if (!("txn" in a) && !("commitInfo" in a)) all.push(a);
    const text = commitText(all);

    const removedKeys = new Set(removes.map((r) => filePathKey(this.table, r.path)));
    const appIds = new Set(txns.map((t) => t.appId));
    let version = this.readVersion + 1;
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      if (putIfAbsent(commitFile(this.table, version), text)) {
        this.#postCommit(version);
        return version;
      }
      this.#checkConflicts(version, removedKeys, appIds);
      version++;
    }
    throw tooManyCommitAttempts(this.table, MAX_COMMIT_ATTEMPTS);
  }

  /** Throws Delta's conflict exception if the winning commit at `version` invalidates this transaction. */
  #checkConflicts(version: number, removedKeys: ReadonlySet<string>, appIds: ReadonlySet<string>): void {
    const winner = readCommit(this.table, version);
    const op = winner.info?.operation ?? "operation";
    const conflict = `\nConflicting commit: ${JSON.stringify({ version, timestamp: winner.timestamp, operation: op })}`;
    if (this.readVersion < 0) {
      throw protocolChanged("This happens when multiple writers are writing to an empty directory. Creating the table ahead of time will avoid this conflict. ", conflict);
    }
    for (const a of winner.actions) {
      if ("protocol" in a) throw protocolChanged("", conflict);
      if ("metaData" in a) throw metadataChanged(this.table, conflict);
      if ("txn" in a && appIds.has(a.txn.appId)) throw concurrentTransaction(conflict);
      // Data another writer added conflicts when this transaction's result depends on all the data
      // (complete mode, overwrite) or changes the schema the data was written with.
      if ("add" in a && a.add.dataChange && (this.readsWholeTable || this.newMetadata)) throw concurrentAppend(op, this.table, version);
      if ("remove" in a) {
        const key = filePathKey(this.table, a.remove.path);
        if (removedKeys.has(key) || this.readFiles.has(key) || (this.readsWholeTable && a.remove.dataChange)) throw concurrentDeleteRead(op, this.table, version);
      }
    }
  }

  /** A checkpoint every delta.checkpointInterval versions; a failed one is logged, never fails the commit. */
  #postCommit(version: number): void {
    const md = this.metadata;
    const interval = Number(md?.configuration?.["delta.checkpointInterval"] ?? DEFAULT_CHECKPOINT_INTERVAL);
    if (version === 0 || !(interval > 0) || version % interval !== 0) return;
    try {
      checkpoint(this.table, version, this.ctx.nowMs());
    } catch (e) {
      this.ctx.log?.warn(`Delta: could not write the checkpoint of ${this.table} at version ${version}: ${(e as Error).message}`);
    }
  }
}

function tryLoad(table: string): Snapshot | undefined {
  try {
    return loadSnapshot(table);
  } catch (e) {
    if ((e as { code?: string }).code === "DELTA_MISSING_DELTA_TABLE") return undefined;
    throw e;
  }
}

/** Writes the checkpoint of `version`, leaving out tombstones older than the retention. */
export function checkpoint(table: string, version: number, nowMs: number): void {
  const s = loadSnapshot(table, version);
  const retention = retentionMs(s.metadata.configuration?.["delta.deletedFileRetentionDuration"], DEFAULT_DELETED_FILE_RETENTION_MS);
  const removes = [...s.tombstones.values()].filter((r) => (r.deletionTimestamp ?? 0) > nowMs - retention);
  writeCheckpoint(table, version, {
    protocol: s.protocol, metadata: s.metadata, txns: s.txns.values(), adds: s.files.values(), removes, domains: s.domains.values(),
  });
}

/** A Delta interval property ("interval 1 weeks", "interval 7 days", "168 hours") in milliseconds. */
export function retentionMs(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const m = /^\s*(?:interval\s+)?(\d+(?:\.\d+)?)\s*(weeks?|days?|hours?|minutes?|seconds?|milliseconds?)\s*$/i.exec(text);
  if (!m) return fallback;
  const unit = m[2]!.toLowerCase().replace(/s$/, "");
  const ms = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 }[unit]!;
  return Number(m[1]) * ms;
}
