// Helpers for the Delta connector's tests: open the sink as the engine does, read a table back,
// look at its log.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSchemaDDL, validateOptions, type Row, type SinkWriter, type StructType } from "sluice/plugin-sdk";
import { ManualClock } from "sluice/testing";
import { parseCommit, type Action } from "./actions.ts";
import { commitFile } from "./log_store.ts";
import { fileScanner } from "./scan.ts";
import { loadSnapshot } from "./snapshot.ts";
import deltaSink from "./sink.ts";

export const QUERY_ID = "00000000-0000-4000-8000-000000000000";

export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `sluice-delta-${name}-`));
}

export async function openDeltaSink(
  options: Record<string, unknown>, schema: StructType | string, o: { queryId?: string; clock?: ManualClock; conf?: Record<string, string> } = {},
): Promise<SinkWriter> {
  const conf: Record<string, string> = { "spark.sql.session.timeZone": "UTC", ...o.conf };
  return await deltaSink.create(validateOptions(deltaSink, options) as never, {
    schema: typeof schema === "string" ? parseSchemaDDL(schema) : schema,
    queryId: o.queryId ?? QUERY_ID,
    clock: o.clock ?? new ManualClock(1_700_000_000_000),
    log: { info() {}, warn() {} },
    conf: (k) => conf[k],
    stdout: () => {},
    session: null,
  });
}

/** Every row of the table at `version` (default latest), in the table's schema, sorted by their JSON. */
export function readTable(path: string, version?: number): Row[] {
  const s = loadSnapshot(path, version);
  const read = fileScanner({ table: path, schema: s.schema, partitionColumns: s.metadata.partitionColumns, timeZone: "UTC" });
  const rows = [...s.files.values()].flatMap(read);
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const key = (r: Row) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Map ? [...v] : v));

export function commitActions(path: string, version: number): Action[] {
  return parseCommit(readFileSync(commitFile(path, version), "utf8"));
}
