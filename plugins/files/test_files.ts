// Helpers for the file sources' tests: write a file with a chosen modification time, and run a
// source the way the scheduler does.
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { validateOptions, parseSchemaDDL, type Logger, type Offset, type ReadLimit, type Row, type SourceDefinition, type SourceReader } from "sluice/plugin-sdk";
import { ManualClock } from "sluice/testing";

/** Writes `text` to `path` (creating directories) with modification time `mtimeMs`. */
export function writeFile(path: string, text: string | Uint8Array, mtimeMs = 1_700_000_000_000): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
}

export interface OpenOptions {
  ddl?: string;
  streaming?: boolean;
  metadataDir?: string;
  conf?: Record<string, string>;
  logs?: string[];
  /** The columns the query reads (what the optimizer pushes into a source with pushdown.columns). */
  requiredColumns?: string[];
}

export async function openSource(def: SourceDefinition<any>, options: Record<string, unknown>, o: OpenOptions = {}): Promise<SourceReader> {
  const logs = o.logs ?? [];
  const log: Logger = { info: (m) => logs.push(`INFO ${m}`), warn: (m) => logs.push(`WARN ${m}`) };
  const conf = { "spark.sql.session.timeZone": "UTC", ...o.conf };
  return await def.create(validateOptions(def, options), {
    userSchema: o.ddl === undefined ? undefined : parseSchemaDDL(o.ddl),
    streaming: o.streaming ?? false,
    metadataDir: o.metadataDir,
    requiredColumns: o.requiredColumns,
    clock: new ManualClock(1_700_000_000_000),
    log,
    conf: (k) => conf[k as keyof typeof conf],
  });
}

/** Conformance options for a file source reading `env.dataDir` (created first: Spark needs the path to exist). */
export function dataDirOptions(extra: Record<string, unknown> = {}) {
  return (env: { dataDir: string }) => {
    mkdirSync(env.dataDir, { recursive: true });
    return { path: env.dataDir, ...extra };
  };
}

/** Everything a batch read returns. */
export async function readAll(def: SourceDefinition<any>, options: Record<string, unknown>, o: OpenOptions = {}): Promise<Row[]> {
  const r = await openSource(def, options, o);
  const end = await r.latestOffset(null, {});
  return end === null ? [] : await r.getBatch(null, end);
}

/** One streaming trigger: latestOffset then getBatch; returns the new offset and the rows. */
export async function trigger(r: SourceReader, start: Offset, limit: ReadLimit = {}): Promise<{ end: Offset; rows: Row[] }> {
  const end = await r.latestOffset(start, limit);
  const rows = JSON.stringify(end) === JSON.stringify(start) || end === null ? [] : await r.getBatch(start, end);
  if (end !== null) await r.commit?.(end);
  return { end, rows };
}
