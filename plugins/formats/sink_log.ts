// Spark's FileStreamSinkLog (`<output>/_spark_metadata/`): for each batch, the files the sink
// wrote, as SinkFileStatus JSON lines. A file is part of the output only once it is in this log,
// so readers of a sink's directory (our file source, Spark's) read exactly the logged files and a
// crash mid-batch leaves nothing visible.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  CompactibleFileStreamLog, type CompactibleLogSettings, DEFAULT_LOG_SETTINGS,
} from "./compactible_log.ts";
import { isGlobPath } from "./glob.ts";
import type { ListedFile } from "./list_files.ts";
import { fromFileUri } from "./spark_path.ts";

export const SINK_METADATA_DIR = "_spark_metadata";

export interface SinkFileStatus {
  path: string;
  size: number;
  isDir: boolean;
  modificationTime: number;
  blockReplication: number;
  blockSize: number;
  action: string;
}

/** What Hadoop's local file system reports for every file (Spark copies it into the log). */
export const LOCAL_BLOCK_REPLICATION = 1;
export const LOCAL_BLOCK_SIZE = 33554432;

export class FileStreamSinkLog extends CompactibleFileStreamLog<SinkFileStatus> {
  constructor(outputDir: string, settings: CompactibleLogSettings, retentionMs = Infinity, nowMs: () => number = Date.now) {
    super(
      join(outputDir, SINK_METADATA_DIR),
      settings,
      (e, now) => retentionMs === Infinity || now - e.modificationTime <= retentionMs,
      nowMs,
    );
  }
}

/** FileStreamSink.hasMetadata: `path` is one plain directory holding a `_spark_metadata` directory. */
export function hasSinkMetadata(path: string): boolean {
  if (isGlobPath(path)) return false;
  const dir = join(resolve(path), SINK_METADATA_DIR);
  try {
    return existsSync(dir) && statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The files a file sink has committed under `outputDir` (MetadataLogFileIndex), sorted by path. */
export function committedSinkFiles(outputDir: string, settings: CompactibleLogSettings = DEFAULT_LOG_SETTINGS): ListedFile[] {
  const root = resolve(outputDir);
  const log = new FileStreamSinkLog(root, { ...settings, deleteExpired: false });
  const seen = new Map<string, ListedFile>();
  for (const e of log.allEntries()) {
    if (e.action === "delete" || e.isDir) continue;
    const path = fromFileUri(e.path);
    seen.set(path, { path, size: e.size, mtimeMs: e.modificationTime, root });
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
