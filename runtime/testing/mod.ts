// `sluice/testing`: conformance suites a plugin's own bun:test file calls, so every source and sink,
// built in or not, is held to the same contract. Sources must replay a range exactly, keep offsets
// JSON-safe and resume after a restart; sinks must write a batch id once and refuse output modes
// they do not declare. Time is a ManualClock: no test sleeps.
//
//   import { sourceConformance } from "sluice/testing";
//   import source from "./mod.ts";
//   sourceConformance(source, { options: { rowsPerSecond: 10 } });
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { definitionProblems } from "../plugin/check_definition.ts";
import type {
  Offset,
  OutputMode,
  ReadLimit,
  Row,
  SinkContext,
  SinkDefinition,
  SinkWriter,
  SourceContext,
  SourceDefinition,
  SourceReader,
} from "../plugin/contract.ts";
import { checkOutputMode } from "../plugin/output_mode.ts";
import { valuesProblem } from "../plugin/check_rows.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import type { StructType } from "../types/data_type.ts";
import { ManualClock } from "./manual_clock.ts";

export { ManualClock } from "./manual_clock.ts";

/** What a conformance test hands the plugin's callbacks: the clock and scratch directories. */
export interface PluginTestEnv {
  clock: ManualClock;
  /** A fresh directory for the test's own data (files a source reads, a sink's output). */
  dataDir: string;
  /** The plugin's metadata directory; the same one survives a simulated restart. */
  metadataDir: string;
  /** Everything the plugin logged. */
  logs: string[];
}

export interface SourceConformanceOptions {
  /** The options as a user would pass them (strings are fine), or built from the test's env. */
  options: Record<string, unknown> | ((env: PluginTestEnv) => Record<string, unknown>);
  /** Makes new data available before batch `batch`. Default: advance the clock by `stepMs`. */
  produce?: (env: PluginTestEnv, batch: number) => void | Promise<void>;
  /** How far the default `produce` moves the clock. Default 1000 ms. */
  stepMs?: number;
  /** Where the clock starts. Default 1_700_000_000_000 (2023-11-14T22:13:20Z). */
  startMs?: number;
  /** How many batches each test drives (at least 3). Default 3. */
  batches?: number;
  /** The read limit passed to latestOffset. Default: none. */
  limit?: ReadLimit;
  userSchema?: StructType;
  conf?: Record<string, string>;
}

export interface SinkConformanceOptions {
  options: Record<string, unknown> | ((env: PluginTestEnv) => Record<string, unknown>);
  /** Schema of the rows written. */
  schema: StructType;
  /** One batch of rows to write (at least one row). */
  rows: Row[];
  /** The mode to write in. Default: the first of the sink's outputModes. */
  mode?: OutputMode;
  /** Reads back everything the sink has written so far, to check nothing was written twice. */
  readBack?: (env: PluginTestEnv, writer: SinkWriter) => Row[] | Promise<Row[]>;
  /** Also check a new writer over the same metadataDir skips a batch id the old one wrote. */
  checkRestart?: boolean;
  /** Passed as SinkContext.session (e.g. for sinks that register tables). */
  session?: unknown;
  conf?: Record<string, string>;
}

const DEFAULT_START_MS = 1_700_000_000_000;

interface Batch {
  start: Offset;
  end: Offset;
  rows: Row[];
}

/** Registers bun:test tests proving `def` keeps the source contract. */
export function sourceConformance(def: SourceDefinition<any>, o: SourceConformanceOptions): void {
  const batches = Math.max(3, o.batches ?? 3);
  const limit = o.limit ?? {};
  const produce = o.produce ?? ((env: PluginTestEnv) => env.clock.advance(o.stepMs ?? 1000));

  const validated = (env: PluginTestEnv) =>
    validateOptions(def, typeof o.options === "function" ? o.options(env) : o.options);

  const open = async (env: PluginTestEnv): Promise<SourceReader> => {
    const ctx: SourceContext = {
      userSchema: o.userSchema,
      streaming: true,
      metadataDir: env.metadataDir,
      clock: env.clock,
      log: logger(env),
      conf: (key) => o.conf?.[key],
    };
    return await def.create(validated(env), ctx);
  };

  /** Runs `count` batches from `start` as the scheduler would: produce, latestOffset, getBatch, commit. */
  const drive = async (env: PluginTestEnv, reader: SourceReader, count: number, start: Offset = null) => {
    const out: Batch[] = [];
    for (let i = 0; i < count; i++) {
      await produce(env, i);
      const end = await reader.latestOffset(start, limit);
      const rows = await reader.getBatch(start, end);
      await reader.commit?.(end);
      out.push({ start, end, rows });
      start = end;
    }
    return out;
  };

  describe(`source conformance: ${def.name}`, () => {
    test("the definition is valid", () => {
      expect(definitionProblems(def)).toEqual([]);
      expect(def.kind).toBe("source");
    });

    test("the options validate", () =>
      withEnv(o.startMs, (env) => {
        const raw = typeof o.options === "function" ? o.options(env) : o.options;
        expect(() => validateOptions(def, raw)).not.toThrow();
        const schema = def.options as { additionalProperties?: unknown; patternProperties?: object };
        const stray = "surelyNotAnOption";
        const open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
        const matched = Object.keys(schema.patternProperties ?? {}).some((p) => new RegExp(p, "iu").test(stray));
        if (!open && !matched) expectCode(() => validateOptions(def, { ...raw, [stray]: "1" }), "PLUGIN_OPTIONS_INVALID");
      }));

    test("rows match the schema, and some arrive", () =>
      withEnv(o.startMs, async (env) => {
        const reader = await open(env);
        const seen = await drive(env, reader, batches);
        const rows = seen.flatMap((b) => b.rows);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(Array.isArray(row)).toBe(true);
          expect(row.length).toBe(reader.schema.fields.length);
        }
        // Every value in the engine's representation of its type (a long beyond 2^53 a bigint, …).
        expect(valuesProblem(rows as unknown[][], reader.schema)).toBe(null);
        expect(typeof reader.description).toBe("string");
        // The schema known when the DataFrame is built is the one the reader produces.
        expect(def.schema(validated(env), o.userSchema).treeString()).toBe(reader.schema.treeString());
        await reader.stop?.();
      }));

    test("replaying a range gives the same rows", () =>
      withEnv(o.startMs, async (env) => {
        const reader = await open(env);
        const seen = await drive(env, reader, batches);
        // Replayed in reverse, so a source cannot get away with only remembering its last batch.
        for (const b of [...seen].reverse()) expect(await reader.getBatch(b.start, b.end)).toEqual(b.rows);
        await reader.stop?.();
      }));

    test("offsets survive JSON.stringify/parse", () =>
      withEnv(o.startMs, async (env) => {
        const reader = await open(env);
        const seen = await drive(env, reader, batches);
        for (const b of seen) {
          const end = jsonRoundTrip(b.end);
          expect(end).toEqual(b.end);
          expect(await reader.getBatch(jsonRoundTrip(b.start), end)).toEqual(b.rows);
        }
        await reader.stop?.();
      }));

    test("a reader created after a restart resumes from the committed offset", () =>
      withEnv(o.startMs, async (env) => {
        const first = await open(env);
        const seen = await drive(env, first, batches);
        await first.stop?.();
        // Batches 0 and 1 were committed; the rest were logged in offsets/N but not committed,
        // so the restarted query re-runs them with exactly the logged offsets.
        const second = await open(env);
        for (const b of seen.slice(2)) {
          expect(await second.getBatch(jsonRoundTrip(b.start), jsonRoundTrip(b.end))).toEqual(b.rows);
        }
        // And it carries on from the last offset without error.
        const more = await drive(env, second, 1, jsonRoundTrip(seen.at(-1)!.end));
        for (const row of more[0]!.rows) expect(row.length).toBe(second.schema.fields.length);
        await second.stop?.();
      }));

    test("prepareForTriggerAvailableNow fixes where the run stops", () =>
      withEnv(o.startMs, async (env) => {
        const reader = await open(env);
        if (reader.prepareForTriggerAvailableNow === undefined) {
          await reader.stop?.();
          return; // Not supported: the engine falls back as Spark does.
        }
        await produce(env, 0);
        const stopAt = jsonRoundTrip(await reader.prepareForTriggerAvailableNow(null));
        // New data after the run started must not move the end.
        await produce(env, 1);
        let start: Offset = null;
        for (let i = 0; i < 1000; i++) {
          const end = await reader.latestOffset(start, limit);
          if (JSON.stringify(end) === JSON.stringify(start)) break;
          await reader.getBatch(start, end);
          start = end;
        }
        expect(start).toEqual(stopAt);
        await reader.stop?.();
      }));
  });
}

/** Registers bun:test tests proving `def` keeps the sink contract. */
export function sinkConformance(def: SinkDefinition<any>, o: SinkConformanceOptions): void {
  const mode = o.mode ?? def.outputModes[0]!;

  const open = async (env: PluginTestEnv, stdout: string[]): Promise<SinkWriter> => {
    const raw = typeof o.options === "function" ? o.options(env) : o.options;
    const ctx: SinkContext = {
      schema: o.schema,
      queryId: "00000000-0000-4000-8000-000000000000",
      queryName: `conformance_${def.name.replace(/\W/g, "_")}`,
      metadataDir: env.metadataDir,
      clock: env.clock,
      log: logger(env),
      conf: (key) => o.conf?.[key],
      stdout: (text) => stdout.push(text),
      session: o.session,
    };
    return await def.create(validateOptions(def, raw), ctx);
  };

  describe(`sink conformance: ${def.name}`, () => {
    test("the definition is valid", () => {
      expect(definitionProblems(def)).toEqual([]);
      expect(def.kind).toBe("sink");
      expect(o.rows.length).toBeGreaterThan(0);
    });

    test("the options validate", () =>
      withEnv(undefined, (env) => {
        const raw = typeof o.options === "function" ? o.options(env) : o.options;
        expect(() => validateOptions(def, raw)).not.toThrow();
      }));

    test("output modes not in outputModes are refused", () => {
      for (const m of ["append", "update", "complete"] as const) {
        if (def.outputModes.includes(m)) expect(() => checkOutputMode(def, m)).not.toThrow();
        else expectCode(() => checkOutputMode(def, m), "STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE");
      }
    });

    test("a batch is written", () =>
      withEnv(undefined, async (env) => {
        const stdout: string[] = [];
        const writer = await open(env, stdout);
        await writer.addBatch(0, o.rows, mode);
        if (o.readBack) expect(sortedKeys(await o.readBack(env, writer))).toEqual(sortedKeys(o.rows));
        expect(typeof writer.description).toBe("string");
        await writer.stop?.();
      }));

    test("the same batch id twice is written once", () =>
      withEnv(undefined, async (env) => {
        const stdout: string[] = [];
        const writer = await open(env, stdout);
        await writer.addBatch(0, o.rows, mode);
        const printed = stdout.length;
        await writer.addBatch(0, o.rows, mode);
        expect(stdout.length).toBe(printed);
        if (o.readBack) expect(sortedKeys(await o.readBack(env, writer))).toEqual(sortedKeys(o.rows));
        await writer.stop?.();
        if (o.checkRestart) {
          const again = await open(env, stdout);
          await again.addBatch(0, o.rows, mode);
          expect(stdout.length).toBe(printed);
          if (o.readBack) expect(sortedKeys(await o.readBack(env, again))).toEqual(sortedKeys(o.rows));
          await again.stop?.();
        }
      }));
  });
}

async function withEnv<T>(startMs: number | undefined, body: (env: PluginTestEnv) => T | Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), "sluice-conformance-"));
  const env: PluginTestEnv = {
    clock: new ManualClock(startMs ?? DEFAULT_START_MS),
    dataDir: join(root, "data"),
    metadataDir: join(root, "metadata"),
    logs: [],
  };
  try {
    return await body(env);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function logger(env: PluginTestEnv) {
  return {
    info: (m: string) => env.logs.push(`INFO ${m}`),
    warn: (m: string) => env.logs.push(`WARN ${m}`),
  };
}

function expectCode(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(SluiceError);
  expect((thrown as SluiceError).code).toBe(code);
}

function jsonRoundTrip(offset: Offset): Offset {
  return JSON.parse(JSON.stringify(offset)) as Offset;
}

/** Rows as sortable text, so two row lists can be compared as multisets. */
function sortedKeys(rows: readonly Row[]): string[] {
  return rows.map((r) => JSON.stringify(r, jsonSafe)).sort();
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `bytes:${[...value].join(",")}`;
  if (value instanceof Map) return { map: [...value.entries()] };
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}
export { MemoryStream } from "./memory_stream.ts";
