// A custom source you can copy: polls an HTTP endpoint that answers with a JSON array of items (or
// an object holding one) and turns each item into a row `value` (the item as JSON text, ready for
// from_json) plus `timestamp` (when it was polled).
//
// Replayable, as the contract requires: every poll that brings new items writes them to a journal
// file in ctx.metadataDir (the checkpoint's sources/<i> directory) *before* their offset is handed
// out. The offset is the number of items journaled so far, so getBatch(start, end) reads items
// start+1 … end back from the journal and always returns the same rows, even after a restart,
// even if the endpoint has moved on.
//
//   sluice run pipeline.ts --plugin samples/plugins/http-poll-source
//   spark.readStream.format("http-poll").option("url", "https://api.example.com/events")
//     .option("itemsPath", "data.events").option("cursorField", "id").load()
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  defineSource, type Offset, type ReadLimit, SluiceError, type SourceContext, type SourceReader, StringType, StructField, StructType,
  TimestampType,
} from "sluice/plugin-sdk";

export interface HttpPollOptions {
  url: string;
  itemsPath: string;
  cursorField?: string;
  cursorParam: string;
  pollIntervalMs: number;
  requestTimeoutMs: number;
  maxItemsPerTrigger?: number;
  maxFailedPolls: number;
  journalRetainItems: number;
  /** `header.<Name>` options, as given. */
  [header: `header.${string}`]: string;
}

export const HTTP_POLL_SCHEMA = new StructType([
  new StructField("value", new StringType(), false),
  new StructField("timestamp", new TimestampType(), false),
]);

export default defineSource<HttpPollOptions>({
  name: "http-poll",
  summary: "Polls an HTTP endpoint for new JSON items; one row per item (replayable: items are journaled in the checkpoint).",
  options: {
    type: "object",
    additionalProperties: false,
    required: ["url"],
    properties: {
      url: { type: "string", pattern: "^https?://", description: "The endpoint to GET. It answers with JSON." },
      itemsPath: {
        type: "string",
        default: "",
        description: "Where the array of items is in the answer, as a dot path (\"data.events\"); empty: the answer is the array.",
      },
      cursorField: {
        type: "string",
        description:
          "An item field that grows with every new item (an id or a time). Only items with a larger value than any seen are kept, and the largest is sent back as the query parameter `cursorParam`. Without it every item of every answer is new, as with a queue.",
      },
      cursorParam: { type: "string", default: "since", description: "The query parameter carrying the cursor." },
      pollIntervalMs: {
        type: "integer",
        minimum: 0,
        default: 5000,
        description: "At most one request per this many milliseconds, however often the query asks for new data.",
      },
      requestTimeoutMs: { type: "integer", exclusiveMinimum: 0, default: 10000, description: "How long one request may take." },
      maxItemsPerTrigger: { type: "integer", exclusiveMinimum: 0, description: "At most this many items per micro-batch." },
      maxFailedPolls: {
        type: "integer",
        exclusiveMinimum: 0,
        default: 5,
        description: "Failed requests in a row (a warning each) before the query fails.",
      },
      journalRetainItems: {
        type: "integer",
        minimum: 0,
        default: 10000,
        description: "Committed items kept in the journal (older ones are deleted), so recent batches can still be replayed.",
      },
    },
    patternProperties: {
      "^header\\.": { type: "string", description: "An HTTP header for every request: header.Authorization=\"Bearer …\"." },
    },
  },
  examples: [
    { title: "An endpoint listing events by increasing id", options: { url: "https://api.example.com/events", cursorField: "id" } },
    {
      title: "Items under data.items, with a token, every 30 s",
      options: { url: "https://api.example.com/feed", itemsPath: "data.items", pollIntervalMs: 30000, "header.Authorization": "Bearer TOKEN" },
    },
  ],
  schema(_options, userSchema) {
    if (userSchema !== undefined) throw new SluiceError("HTTP_POLL_SCHEMA", "The http-poll source has a fixed schema (value STRING, timestamp TIMESTAMP).", {
      hint: "Drop .schema(...) and parse `value` with from_json(value, \"<your schema>\").",
    });
    return HTTP_POLL_SCHEMA;
  },
  create(options, ctx) {
    if (!ctx.streaming) throw new SluiceError("HTTP_POLL_BATCH", "The http-poll source only supports readStream.");
    return new HttpPollReader(options, ctx);
  },
});

/** One poll's new items, as kept in the journal: offsets `start`+1 … `end`. */
interface Segment {
  start: number;
  end: number;
  file: string;
}

interface SegmentFile {
  polledAtMs: number;
  /** The largest cursorField value seen so far, to carry on after a restart. */
  cursor: string | number | null;
  items: string[];
}

const SEGMENT_NAME = /^(\d{15})-(\d{15})\.json$/;

class HttpPollReader implements SourceReader {
  readonly schema = HTTP_POLL_SCHEMA;
  readonly description: string;
  readonly #o: HttpPollOptions;
  readonly #ctx: SourceContext;
  readonly #dir: string;
  readonly #ownDir: boolean;
  readonly #segments: Segment[] = [];
  #cursor: string | number | null = null;
  #nextPollMs = Number.NEGATIVE_INFINITY;
  #failedPolls = 0;
  /** Set by prepareForTriggerAvailableNow: no further polls, nothing past this offset. */
  #stopAt: number | undefined;

  constructor(o: HttpPollOptions, ctx: SourceContext) {
    this.#o = o;
    this.#ctx = ctx;
    this.description = `HttpPoll[${o.url}]`;
    // Without a checkpoint there is nothing to replay after a restart; a scratch journal still lets
    // the query re-read a batch while it runs.
    this.#ownDir = ctx.metadataDir === undefined;
    this.#dir = ctx.metadataDir === undefined ? mkdtempSync(join(tmpdir(), "http-poll-")) : join(ctx.metadataDir, "journal");
    mkdirSync(this.#dir, { recursive: true });
    for (const file of readdirSync(this.#dir).sort()) {
      const m = SEGMENT_NAME.exec(file);
      if (m) this.#segments.push({ start: Number(m[1]), end: Number(m[2]), file: join(this.#dir, file) });
    }
    const last = this.#segments.at(-1);
    if (last) this.#cursor = this.#read(last).cursor;
  }

  async latestOffset(start: Offset, _limit: ReadLimit): Promise<Offset> {
    if (this.#stopAt === undefined && this.#ctx.clock.nowMs() >= this.#nextPollMs) {
      await this.#pollOrWarn();
      this.#nextPollMs = this.#ctx.clock.nowMs() + this.#o.pollIntervalMs;
    }
    return this.#offsetAfter(start, this.#stopAt ?? this.#end());
  }

  async prepareForTriggerAvailableNow(start: Offset): Promise<Offset> {
    await this.#pollOrWarn();
    this.#stopAt = this.#end();
    return this.#stopAt > asCount(start) ? this.#stopAt : start;
  }

  getBatch(start: Offset, end: Offset): unknown[][] {
    const from = asCount(start), to = asCount(end);
    const rows: unknown[][] = [];
    for (const segment of this.#segments) {
      if (segment.end <= from || segment.start >= to) continue;
      const { polledAtMs, items } = this.#read(segment);
      const first = Math.max(from, segment.start), last = Math.min(to, segment.end);
      for (const item of items.slice(first - segment.start, last - segment.start)) rows.push([item, polledAtMs * 1000]);
    }
    const firstKept = this.#segments[0]?.start ?? this.#end();
    if (from < firstKept || rows.length !== to - from) {
      throw new SluiceError("HTTP_POLL_JOURNAL_MISSING", `The http-poll journal in ${this.#dir} no longer holds items ${from + 1} to ${to}.`, {
        hint: "Items are deleted journalRetainItems after they are committed; a checkpoint that old cannot be replayed. Start from a new checkpoint.",
      });
    }
    return rows;
  }

  /** Deletes journal segments that are committed and older than journalRetainItems. */
  commit(end: Offset): void {
    const keepFrom = asCount(end) - this.#o.journalRetainItems;
    while (this.#segments.length > 0 && this.#segments[0]!.end <= keepFrom) unlinkSync(this.#segments.shift()!.file);
  }

  stop(): void {
    if (this.#ownDir) rmSync(this.#dir, { recursive: true, force: true });
  }

  #end(): number {
    return this.#segments.at(-1)?.end ?? 0;
  }

  /** The next offset after `start`, at most maxItemsPerTrigger further; `start` itself when nothing is new. */
  #offsetAfter(start: Offset, available: number): Offset {
    const from = asCount(start);
    const end = Math.min(available, from + (this.#o.maxItemsPerTrigger ?? Infinity));
    return end > from ? end : start;
  }

  async #pollOrWarn(): Promise<void> {
    try {
      await this.#poll();
      this.#failedPolls = 0;
    } catch (e) {
      this.#failedPolls++;
      if (this.#failedPolls >= this.#o.maxFailedPolls) throw e;
      this.#ctx.log.warn(`http-poll: ${(e as SluiceError).bareMessage ?? (e as Error).message} (failure ${this.#failedPolls} of ${this.#o.maxFailedPolls} in a row)`);
    }
  }

  async #poll(): Promise<void> {
    const url = new URL(this.#o.url);
    if (this.#o.cursorField !== undefined && this.#cursor !== null) url.searchParams.set(this.#o.cursorParam, String(this.#cursor));
    const headers: Record<string, string> = { accept: "application/json" };
    for (const [key, value] of Object.entries(this.#o)) if (/^header\./i.test(key)) headers[key.slice(7)] = String(value);
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.#o.requestTimeoutMs) });
    } catch (cause) {
      throw new SluiceError("HTTP_POLL_FAILED", `GET ${url} failed: ${(cause as Error).message}`, { kind: "external", cause });
    }
    if (!response.ok) {
      throw new SluiceError("HTTP_POLL_FAILED", `GET ${url} answered ${response.status} ${response.statusText}`, { kind: "external" });
    }
    const items = itemsAt(await response.json(), this.#o.itemsPath, url);
    const fresh = this.#o.cursorField === undefined ? items : this.#newerThanCursor(items, this.#o.cursorField);
    if (fresh.length === 0) return;
    const start = this.#end();
    const segment = { start, end: start + fresh.length, file: join(this.#dir, `${pad(start)}-${pad(start + fresh.length)}.json`) };
    const content: SegmentFile = { polledAtMs: this.#ctx.clock.nowMs(), cursor: this.#cursor, items: fresh.map((i) => JSON.stringify(i)) };
    // Written whole, then renamed: a crash leaves either the full segment or none.
    const temp = join(this.#dir, `.${segment.start}.tmp`);
    writeFileSync(temp, JSON.stringify(content));
    renameSync(temp, segment.file);
    this.#segments.push(segment);
  }

  /** The items past the cursor, in cursor order; moves the cursor to the largest. */
  #newerThanCursor(items: unknown[], field: string): unknown[] {
    const keyed = items.map((item) => ({ item, key: (item as Record<string, unknown> | null)?.[field] }));
    const fresh = keyed
      .filter((k) => (typeof k.key === "number" || typeof k.key === "string") && (this.#cursor === null || compare(k.key, this.#cursor) > 0))
      .sort((a, b) => compare(a.key as string | number, b.key as string | number));
    if (fresh.length > 0) this.#cursor = fresh.at(-1)!.key as string | number;
    return fresh.map((k) => k.item);
  }

  #read(segment: Segment): SegmentFile {
    return JSON.parse(readFileSync(segment.file, "utf8")) as SegmentFile;
  }
}

function itemsAt(body: unknown, path: string, url: URL): unknown[] {
  let value = body;
  for (const key of path === "" ? [] : path.split(".")) value = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(value)) {
    const where = path === "" ? "the answer" : `'${path}' in the answer`;
    throw new SluiceError("HTTP_POLL_NOT_A_LIST", `GET ${url}: ${where} is not a JSON array.`, {
      kind: "external",
      hint: "Set itemsPath to where the array of items is, e.g. \"data.items\".",
    });
  }
  return value;
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function asCount(offset: Offset): number {
  if (offset === null) return 0;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) {
    throw new SluiceError("HTTP_POLL_BAD_OFFSET", `An http-poll offset is a count of items, found ${JSON.stringify(offset)}.`, { kind: "internal" });
  }
  return offset;
}

function pad(n: number): string {
  return String(n).padStart(15, "0");
}
