import { afterEach, describe, expect, test } from "bun:test";
import type { TrackedQuery } from "../api/query_tracker.ts";
import { createAdminApp } from "./app.ts";
import { maxEventStreams, minFlushIntervalMs } from "./event_stream.ts";
import { fakeQuery, progressRecord, type FakeQuery } from "./fake_query.ts";

const version = { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false };

let live: FakeQuery[] = [];
const aborts: AbortController[] = [];
afterEach(() => {
  for (const q of live) q.finish();
  for (const a of aborts) a.abort();
  live = [];
});

function setup(queries: TrackedQuery[], signal?: AbortSignal) {
  const listeners = new Set<() => void>();
  const app = createAdminApp({
    queries: () => queries, plugins: () => [], version,
    subscribe: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
  }, { signal });
  return { app, notify: () => { for (const l of listeners) l(); }, listeners };
}

interface SseEvent { event: string; data: any }

/** Reads server-sent events from a response body. */
function reader(res: Response) {
  const r = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const comments: string[] = [];
  return {
    comments,
    /** The next event, or undefined if the stream ended or nothing came within `ms`. */
    async next(ms = 3000): Promise<SseEvent | undefined> {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
          for (const l of lines.filter((l) => l.startsWith(":"))) comments.push(l);
          if (event && data) return { event, data: JSON.parse(data) };
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([r.read(), new Promise<"timeout">((res) => (timer = setTimeout(() => res("timeout"), left)))]);
        clearTimeout(timer);
        if (chunk === "timeout") return undefined;
        if (chunk.done) return undefined;
        buffer += decoder.decode(chunk.value);
      }
    },
    async ended(ms = 2000): Promise<boolean> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      for (;;) {
        const chunk = await Promise.race([r.read(), new Promise<"timeout">((res) => (timer = setTimeout(() => res("timeout"), ms)))]);
        clearTimeout(timer);
        if (chunk === "timeout") return false;
        if (chunk.done) return true;
      }
    },
  };
}

function open(app: ReturnType<typeof setup>["app"]) {
  const abort = new AbortController();
  aborts.push(abort);
  return { abort, response: app.request("/api/v1/events", { signal: abort.signal }) };
}

describe("GET /api/v1/events", () => {
  test("the queries at connect, then new progress records and changed summaries, coalesced", async () => {
    const q = fakeQuery({ name: "ticks" });
    live.push(q);
    q.recentProgress.push(progressRecord(q, 0));
    const queries: TrackedQuery[] = [q];
    const { app, notify, listeners } = setup(queries);
    const { abort, response } = open(app);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const events = reader(res);
    const first = await events.next();
    expect(first!.event).toBe("queries");
    expect(first!.data.queries.map((x: any) => [x.name, x.status, x.lastProgress.batchId])).toEqual([["ticks", "running", 0]]);
    expect(listeners.size).toBe(1);

    // Three batches complete in quick succession: one progress event carries all three, then the summary.
    const started = Date.now();
    for (const b of [1, 2, 3]) {
      q.recentProgress.push(progressRecord(q, b));
      notify();
    }
    const progress = await events.next();
    expect(progress!.event).toBe("queries");
    expect(progress!.data.queries[0].lastProgress.batchId).toBe(3);
    const records = await events.next();
    expect(records).toEqual({ event: "progress", data: { id: q.id, runId: q.runId, name: "ticks", progress: [1, 2, 3].map((b) => progressRecord(q, b)) } });
    expect(Date.now() - started).toBeLessThan(minFlushIntervalMs + 1000);

    // A change nothing announces (the query is asked to stop) still arrives, with the tick.
    q.stopRequested = true;
    const stopping = await events.next();
    expect(stopping!.data.queries[0].status).toBe("stopping");

    // A new query shows up with its records.
    const other = fakeQuery({ name: "other" });
    live.push(other);
    queries.push(other);
    other.recentProgress.push(progressRecord(other, 0));
    notify();
    const added = await events.next();
    expect(added!.data.queries.map((x: any) => x.name)).toEqual(["ticks", "other"]);
    expect(await events.next()).toMatchObject({ event: "progress", data: { id: other.id, progress: [progressRecord(other, 0)] } });

    abort.abort();
    await Bun.sleep(10);
    expect(listeners.size).toBe(0);
  });

  test("closing the server ends every open stream", async () => {
    const closing = new AbortController();
    const { app } = setup([], closing.signal);
    const a = reader(await open(app).response);
    const b = reader(await open(app).response);
    expect((await a.next())!.event).toBe("queries");
    expect((await b.next())!.event).toBe("queries");
    closing.abort();
    expect(await a.ended()).toBe(true);
    expect(await b.ended()).toBe(true);
    const late = await app.request("/api/v1/events");
    expect(late.status).toBe(503);
  });

  test(`at most ${maxEventStreams} streams at once; HEAD opens none`, async () => {
    const { app, listeners } = setup([]);
    for (let i = 0; i < maxEventStreams + 5; i++) {
      const head = await app.request("/api/v1/events", { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    }
    expect(listeners.size).toBe(0);
    const opened = [];
    for (let i = 0; i < maxEventStreams; i++) opened.push(open(app));
    for (const o of opened) expect((await o.response).status).toBe(200);
    const extra = await app.request("/api/v1/events");
    expect(extra.status).toBe(503);
    expect(((await extra.json()) as any).error.code).toBe("TOO_MANY_EVENT_STREAMS");
    opened[0]!.abort.abort();
    await Bun.sleep(10);
    const again = open(app);
    expect((await again.response).status).toBe(200);
  });
});
