// State kept in a checkpoint directory, laid out as Spark's HDFSBackedStateStoreProvider:
// <checkpoint>/state/<operatorId>/<partitionId>/<version>.delta and <version>.snapshot.
// Each commit writes the delta of the keys the batch changed; every snapshotInterval versions it
// also writes a snapshot of all keys. Loading a version not held in memory reads the latest
// snapshot at or below it, then the deltas after it, in order.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeFileAtomicAsync } from "../checkpoint/atomic_write.ts";
import { keyString } from "./key_string.ts";
import { cannotCommit, missingStateFile, unreadableStateFile } from "./state_errors.ts";
import { decodeStateFile, encodable, encodeStateFile, StateFileError, stateFileEntries, type StateFileKind } from "./state_file.ts";
import { checkCount, type Entry, StateMapProvider, type UndoLog } from "./state_map_provider.ts";
import type { StateKey, StateStoreOptions, StateValue } from "./state_store.ts";

// Spark's defaults: stateStore.minDeltasForSnapshot, minBatchesToRetain, maxBatchesToRetainInMemory - 1.
export const DEFAULT_SNAPSHOT_INTERVAL = 10;
export const DEFAULT_RETAIN = 100;
export const DEFAULT_RETAIN_IN_MEMORY = 1;

/** The directory of one operator partition's state. */
export function stateStoreDir(checkpointStateDir: string, operatorId: number, partitionId: number): string {
  return join(checkpointStateDir, String(operatorId), String(partitionId));
}

const FILE_NAME = /^(\d+)\.(delta|snapshot)$/;
// Left behind by writeFileAtomic when the process died before the rename.
const TEMP_FILE = /^\.(\d+)\.(delta|snapshot)\..*\.tmp$/;

export class FileStateStoreProvider extends StateMapProvider {
  readonly description: string;
  readonly snapshotInterval: number;
  readonly retain: number;
  /** Versions with a delta / snapshot file on disk. */
  private readonly deltas = new Set<number>();
  private readonly snapshots = new Set<number>();

  static open(dir: string, options: StateStoreOptions = {}): FileStateStoreProvider {
    return new FileStateStoreProvider(dir, options);
  }

  constructor(readonly dir: string, options: StateStoreOptions = {}) {
    super(checkCount(options.retainInMemory ?? DEFAULT_RETAIN_IN_MEMORY, "spark.sql.streaming.maxBatchesToRetainInMemory", 0), options);
    this.snapshotInterval = checkCount(options.snapshotInterval ?? DEFAULT_SNAPSHOT_INTERVAL, "spark.sql.streaming.stateStore.minDeltasForSnapshot", 1);
    this.retain = checkCount(options.retain ?? DEFAULT_RETAIN, "spark.sql.streaming.minBatchesToRetain", 0);
    this.description = `FileStateStoreProvider[dir = ${dir}]`;
    this.scan();
  }

  path(version: number, kind: StateFileKind): string {
    return join(this.dir, `${version}.${kind}`);
  }

  override latestVersion(): number {
    return Math.max(super.latestVersion(), maxOf(this.deltas), maxOf(this.snapshots));
  }

  protected readVersion(version: number): Map<string, Entry> {
    this.scan();
    const live = new Map<string, Entry>();
    if (version === 0) return live;
    const base = this.snapshotAtOrBelow(version);
    if (base > 0) this.readSnapshot(base, live);
    for (let v = base + 1; v <= version; v++) this.readDelta(v, live);
    return live;
  }

  protected persist(version: number, undo: UndoLog, live: Map<string, Entry>): void {
    for (const f of this.filesOf(version, undo, live)) this.write(f.kind, version, f.bytes);
    this.replaced(version);
  }

  protected async persistAsync(version: number, undo: UndoLog, live: Map<string, Entry>): Promise<void> {
    for (const f of this.filesOf(version, undo, live)) {
      try {
        await writeFileAtomicAsync(this.path(version, f.kind), f.bytes);
      } catch (e) {
        throw cannotCommit(this.description, e);
      }
      (f.kind === "delta" ? this.deltas : this.snapshots).add(version);
    }
    this.replaced(version);
  }

  /** The files committing `version` writes: its delta, and a snapshot when one is due. */
  private filesOf(version: number, undo: UndoLog, live: Map<string, Entry>): { kind: StateFileKind; bytes: Uint8Array }[] {
    const updates: unknown[] = [];
    const removals: unknown[] = [];
    const { keys, before } = undo;
    for (let i = 0; i < keys.length; i++) {
      const entry = live.get(keys[i]!);
      if (entry !== undefined) updates.push(encodable(entry[0]), encodable(entry[1]));
      else if (before[i] !== undefined) removals.push(encodable(before[i]![0]));
    }
    const files: { kind: StateFileKind; bytes: Uint8Array }[] = [{ kind: "delta", bytes: encodeStateFile("delta", version, updates.length / 2 + removals.length, [updates, removals]) }];
    if (version - this.snapshotAtOrBelow(version - 1) >= this.snapshotInterval) {
      files.push({ kind: "snapshot", bytes: this.snapshotBytes(version, live) });
    }
    return files;
  }

  /** After `version` was written: files of later versions, and a stale snapshot of it, belong to replaced runs. */
  private replaced(version: number): void {
    if (this.snapshots.has(version) && version - this.snapshotAtOrBelow(version - 1) < this.snapshotInterval) {
      // Left by an earlier run of this batch; the delta just written replaces it.
      this.delete("snapshot", version);
    }
    // Files of later versions belong to runs this commit replaced (a batch re-run after a crash).
    for (const v of [...this.deltas]) if (v > version) this.delete("delta", v);
    for (const v of [...this.snapshots]) if (v > version) this.delete("snapshot", v);
  }

  /**
   * Writes the snapshot of the loaded version if one is due (commit normally has written it),
   * then deletes what no version from latest - retain on needs: snapshots older than the newest
   * snapshot at or below that version, deltas up to it, and temp files of interrupted writes.
   */
  maintenance(): void {
    const loaded = this.loadedVersion;
    if (this.isLiveCommitted() && loaded > 0 && this.deltas.has(loaded) && !this.snapshots.has(loaded) &&
        loaded - this.snapshotAtOrBelow(loaded) >= this.snapshotInterval) {
      this.writeSnapshot(loaded, this.live);
    }
    this.scan();
    const latest = this.latestVersion();
    const base = this.snapshotAtOrBelow(latest - this.retain);
    for (const v of [...this.snapshots]) if (v < base) this.delete("snapshot", v);
    for (const v of [...this.deltas]) if (v <= base) this.delete("delta", v);
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      const m = TEMP_FILE.exec(name);
      if (m && Number(m[1]) < latest) rmSync(join(this.dir, name), { force: true });
    }
  }

  private writeSnapshot(version: number, live: Map<string, Entry>): void {
    this.write("snapshot", version, this.snapshotBytes(version, live));
  }

  private snapshotBytes(version: number, live: Map<string, Entry>): Uint8Array {
    const body: unknown[] = [];
    for (const entry of live.values()) body.push(encodable(entry[0]), encodable(entry[1]));
    return encodeStateFile("snapshot", version, live.size, body);
  }

  private write(kind: StateFileKind, version: number, bytes: Uint8Array): void {
    try {
      writeFileAtomic(this.path(version, kind), bytes);
    } catch (e) {
      throw cannotCommit(this.description, e);
    }
    (kind === "delta" ? this.deltas : this.snapshots).add(version);
  }

  private delete(kind: StateFileKind, version: number): void {
    rmSync(this.path(version, kind), { force: true });
    (kind === "delta" ? this.deltas : this.snapshots).delete(version);
  }

  private readSnapshot(version: number, live: Map<string, Entry>): void {
    const body = this.read("snapshot", version);
    if (!Array.isArray(body) || body.length % 2 !== 0) throw this.malformed("snapshot", version, "it does not hold key/value pairs");
    for (let i = 0; i < body.length; i += 2) {
      const key = body[i], value = body[i + 1];
      if (!Array.isArray(key) || !Array.isArray(value)) throw this.malformed("snapshot", version, `row ${i / 2} is not a key/value pair`);
      live.set(keyString(key), [key as StateKey, value as StateValue, 0]);
    }
  }

  private readDelta(version: number, live: Map<string, Entry>): void {
    const body = this.read("delta", version);
    const [updates, removals] = Array.isArray(body) && body.length === 2 ? body : [];
    if (!Array.isArray(updates) || !Array.isArray(removals) || updates.length % 2 !== 0) {
      throw this.malformed("delta", version, "it does not hold updates and removals");
    }
    for (let i = 0; i < updates.length; i += 2) {
      const key = updates[i], value = updates[i + 1];
      if (!Array.isArray(key) || !Array.isArray(value)) throw this.malformed("delta", version, `update ${i / 2} is not a key/value pair`);
      live.set(keyString(key), [key as StateKey, value as StateValue, 0]);
    }
    for (let i = 0; i < removals.length; i++) {
      const key = removals[i];
      if (!Array.isArray(key)) throw this.malformed("delta", version, `removal ${i} is not a key`);
      live.delete(keyString(key));
    }
  }

  private read(kind: StateFileKind, version: number): unknown {
    const path = this.path(version, kind);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw missingStateFile(kind, path, this.description);
      throw unreadableStateFile(kind, path, this.description, (e as Error).message, e);
    }
    let body: unknown;
    try {
      body = decodeStateFile(kind, version, bytes);
    } catch (e) {
      if (e instanceof StateFileError) throw unreadableStateFile(kind, path, this.description, e.message, e);
      throw e;
    }
    const entries = stateFileEntries(bytes);
    const found = kind === "snapshot"
      ? (Array.isArray(body) ? body.length / 2 : -1)
      : (Array.isArray(body) && Array.isArray(body[0]) && Array.isArray(body[1]) ? body[0].length / 2 + body[1].length : -1);
    if (found !== -1 && found !== entries) {
      throw unreadableStateFile(kind, path, this.description, `its header counts ${entries} rows but it holds ${found}`);
    }
    return body;
  }

  private malformed(kind: StateFileKind, version: number, why: string) {
    return unreadableStateFile(kind, this.path(version, kind), this.description, why);
  }

  private snapshotAtOrBelow(version: number): number {
    let best = 0;
    for (const v of this.snapshots) if (v <= version && v > best) best = v;
    return best;
  }

  /** Reads the directory listing into `deltas` and `snapshots`. */
  private scan(): void {
    this.deltas.clear();
    this.snapshots.clear();
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      const m = FILE_NAME.exec(name);
      if (m) (m[2] === "delta" ? this.deltas : this.snapshots).add(Number(m[1]));
    }
  }
}

function maxOf(versions: Set<number>): number {
  let max = 0;
  for (const v of versions) if (v > max) max = v;
  return max;
}
