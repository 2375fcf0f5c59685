// GET /api/v1/events: server-sent events, so the dashboard follows the queries without polling.
// One hub per server computes what changed and sends it to every open stream:
//   event: queries   data: {"queries": [summary, …]}        at connect, then whenever a summary changes
//   event: progress  data: {"id", "runId", "name", "progress": [record, …]}   new progress records
// plus a comment line as heartbeat. Changes are coalesced: at most one send per minFlushIntervalMs
// however fast batches complete, and a slow tick catches changes nothing announces (status).
import { stringifyExact } from "../json/exact_json.ts";
import type { TrackedQuery } from "../api/query_tracker.ts";
import { apiError } from "./api_error.ts";
import { querySummary, recentProgressOf } from "./query_view.ts";

/** Limits of the event streams, named with their unit. */
export const maxEventStreams = 32;
export const minFlushIntervalMs = 250;
export const eventTickMs = 1000;
export const heartbeatMs = 5000;
/** What EventSource waits before reconnecting (sent as `retry:`). */
export const reconnectMs = 2000;

export interface EventSources {
  queries(): readonly TrackedQuery[];
  /** Calls `fn` when a query starts, ends or completes a batch; returns an unsubscribe function. */
  subscribe?(fn: () => void): () => void;
}

type Json = Record<string, unknown>;

/** The last progress record sent for a run, to find the ones after it. */
interface Mark {
  batchId: unknown;
  timestamp: unknown;
}

const utf8 = new TextEncoder();

const eventStreamHeaders = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" };

export class EventHub {
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private lastQueries = "";
  private marks = new Map<string, Mark | undefined>();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushMs = 0;
  private lastSendMs = 0;
  private closed = false;

  constructor(private readonly src: EventSources, signal?: AbortSignal) {
    signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** The response for one GET /api/v1/events. */
  open(request: Request): Response {
    if (this.closed) return apiError("NOT_READY", "The admin server is shutting down.", "Reconnect to the next server.");
    if (this.streams.size >= maxEventStreams) {
      return apiError("TOO_MANY_EVENT_STREAMS", `${maxEventStreams} event streams are open already.`,
        "Close a dashboard tab, or poll GET /api/v1/queries instead.");
    }
    // HEAD gets the headers only: a stream nobody reads would hold a place until the server closes.
    if (request.method === "HEAD") return new Response(null, { headers: eventStreamHeaders });
    let self: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        if (this.streams.size === 0) this.wake();
        this.streams.add(controller);
        const queries = this.summaries();
        controller.enqueue(utf8.encode(`retry: ${reconnectMs}\n\n` + event("queries", { queries: JSON.parse(queries) })));
      },
      cancel: () => this.drop(self!),
    });
    request.signal.addEventListener("abort", () => this.drop(self!), { once: true });
    return new Response(body, { headers: eventStreamHeaders });
  }

  /** Ends every stream and stops listening (the server is closing). */
  close(): void {
    this.closed = true;
    for (const c of [...this.streams]) {
      this.drop(c);
      try {
        c.close();
      } catch { /* already closed by the client */ }
    }
  }

  /** Something changed: send it soon, but not more often than minFlushIntervalMs. */
  private notify = (): void => {
    if (this.flushTimer !== undefined || this.streams.size === 0) return;
    const wait = Math.max(0, this.lastFlushMs + minFlushIntervalMs - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  };

  /** The first stream opened: start from what is there now and listen. */
  private wake(): void {
    this.lastQueries = this.summaries();
    this.marks = new Map(this.src.queries().map((q) => [runKey(q), markOf(lastOf(recentProgressOf(q)))]));
    this.unsubscribe = this.src.subscribe?.(this.notify);
    this.ticker = setInterval(() => {
      this.flush();
      if (Date.now() - this.lastSendMs >= heartbeatMs) this.broadcast(": heartbeat\n\n");
    }, eventTickMs);
    this.lastSendMs = Date.now();
  }

  private drop(c: ReadableStreamDefaultController<Uint8Array>): void {
    if (!this.streams.delete(c) || this.streams.size > 0) return;
    clearInterval(this.ticker);
    clearTimeout(this.flushTimer);
    this.ticker = this.flushTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private flush(): void {
    this.lastFlushMs = Date.now();
    if (this.streams.size === 0) return;
    let out = "";
    const queries = this.src.queries();
    const summaries = this.summaries(queries);
    if (summaries !== this.lastQueries) {
      this.lastQueries = summaries;
      out += event("queries", { queries: JSON.parse(summaries) });
    }
    const marks = new Map<string, Mark | undefined>();
    for (const q of queries) {
      const key = runKey(q);
      const records = recentProgressOf(q);
      const fresh = after(records, this.marks.get(key));
      marks.set(key, markOf(lastOf(records)));
      if (fresh.length > 0) out += event("progress", { id: q.id, runId: q.runId ?? null, name: q.name, progress: fresh });
    }
    this.marks = marks;
    if (out) this.broadcast(out);
  }

  private summaries(queries: readonly TrackedQuery[] = this.src.queries()): string {
    return JSON.stringify(queries.map(querySummary));
  }

  private broadcast(text: string): void {
    this.lastSendMs = Date.now();
    const bytes = utf8.encode(text);
    for (const c of [...this.streams]) {
      try {
        c.enqueue(bytes);
      } catch {
        this.drop(c);
      }
    }
  }
}

function event(name: string, data: Json): string {
  return `event: ${name}\ndata: ${stringifyExact(data)}\n\n`;
}

const runKey = (q: TrackedQuery) => q.runId ?? q.id;

function lastOf<T>(xs: readonly T[]): T | undefined {
  return xs[xs.length - 1];
}

function markOf(p: Json | undefined): Mark | undefined {
  return p ? { batchId: p.batchId, timestamp: p.timestamp } : undefined;
}

/** The records after the marked one; all of them when the mark has left the window (or there is none). */
function after(records: Json[], mark: Mark | undefined): Json[] {
  if (!mark) return records;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i]!.batchId === mark.batchId && records[i]!.timestamp === mark.timestamp) return records.slice(i + 1);
  }
  return records;
}
