import { afterEach, describe, expect, test } from "bun:test";
import { type QueryInfo, QueryTracker, type TrackedQuery } from "../api/query_tracker.ts";
import type { StreamingQueryProgress } from "../scheduler/progress.ts";
import { BackfillProgress, measure, showBackfillProgress } from "./backfill_progress.ts";

interface Fake extends TrackedQuery {
  finish(error?: Error): void;
  stopRequested: boolean;
}

const live: Fake[] = [];
const tracker = new QueryTracker();
afterEach(() => {
  for (const q of live.splice(0)) q.finish();
});

let counter = 0;
function query(name: string | null, trigger: QueryInfo["trigger"]): Fake {
  let active = true;
  let error: Error | null = null;
  const { promise, resolve } = Promise.withResolvers<void>();
  const q: Fake = {
    id: `abcdef${++counter}-0000`, name, ended: promise, stopRequested: false,
    get isActive() { return active; },
    exception: () => error,
    async stop() { q.stopRequested = true; q.finish(); },
    finish(e?: Error) {
      if (!active) return;
      active = false;
      error = e ?? null;
      resolve();
    },
  };
  live.push(q);
  tracker.track(q, { sources: ["kafka"], sink: "memory", outputMode: "append", trigger, startedAt: "2024-01-01T00:00:00.000Z" });
  return q;
}

/** A batch of a Kafka-like source: offsets per partition. */
function batch(start: unknown, end: unknown, latest: unknown, rows: number, ms: number): StreamingQueryProgress {
  return {
    id: "", runId: "", name: null, timestamp: "", batchId: 0, batchDuration: ms, numInputRows: rows,
    inputRowsPerSecond: 0, processedRowsPerSecond: 0, durationMs: {}, eventTime: {}, stateOperators: [],
    sources: [{ description: "", startOffset: start, endOffset: end, latestOffset: latest, numInputRows: rows, inputRowsPerSecond: 0, processedRowsPerSecond: 0, metrics: {} }],
    sink: { description: "", numOutputRows: rows, metrics: {} },
    observedMetrics: {},
  };
}

const t = (p0: number, p1: number) => ({ t: { "0": p0, "1": p1 } });

function output(isTerminal: boolean) {
  const out = { text: "", now: 0 };
  return { out, io: { write: (s: string) => void (out.text += s), isTerminal, nowMs: () => out.now } };
}

describe("backfill progress", () => {
  test("plain lines: offsets done of total, rows, rows/s; at most one line a second; a closing line", () => {
    const { out, io } = output(false);
    const view = new BackfillProgress(io);
    const q = query("orders", { kind: "availableNow" });
    view.progress(q, batch(t(100, 100), t(150, 150), t(300, 300), 100, 500));
    out.now = 400;
    view.progress(q, batch(t(150, 150), t(200, 200), t(300, 300), 100, 500)); // within the second: no line
    out.now = 1500;
    view.progress(q, batch(t(200, 200), t(250, 250), t(300, 300), 100, 500));
    out.now = 1600;
    view.progress(q, batch(t(250, 250), t(300, 300), t(300, 300), 100, 500)); // the last one always shows
    q.finish();
    view.ended(q);
    expect(out.text).toBe([
      "backfill 'orders' batch 1: 100/400 offsets, 100 rows, 200 rows/s (25%)",
      "backfill 'orders' batch 3: 300/400 offsets, 300 rows, 200 rows/s (75%)",
      "backfill 'orders' batch 4: 400/400 offsets, 400 rows, 200 rows/s (100%)",
      "backfill 'orders' finished: 4 batches, 400 rows in 2.0 s (200 rows/s)",
      "",
    ].join("\n"));
  });

  test("a terminal gets a bar redrawn in place, cleared before the closing line", () => {
    const { out, io } = output(true);
    const view = new BackfillProgress(io);
    const q = query(null, { kind: "once" });
    view.progress(q, batch(null, { logOffset: 3 }, { logOffset: 8 }, 50, 1000));
    q.finish(new Error("disk full"));
    view.ended(q);
    const label = q.id.slice(0, 8);
    expect(out.text).toBe(
      `\r\x1b[2Kbackfill ${label} [###########.............]  44% 4/9 offsets, 50 rows, 50 rows/s` +
        `\r\x1b[2Kbackfill ${label} failed: 1 batch, 50 rows in 1.0 s (50 rows/s)\n`,
    );
  });

  test("queries that are not backfills are not shown; unknown totals show rows only", () => {
    const { out, io } = output(false);
    const view = new BackfillProgress(io);
    view.progress(query("live", { kind: "processingTime", intervalMs: 0 }), batch(1, 2, 2, 5, 10));
    expect(out.text).toBe("");
    const q = query("words", { kind: "availableNow" });
    view.progress(q, batch(null, "abc", "abd", 5, 0));
    expect(out.text).toBe("backfill 'words' batch 1: 5 rows\n");
  });

  test("offsets count their numbers, or only the fields named like offset", () => {
    const p = (start: unknown, end: unknown, latest: unknown) => batch(start, end, latest, 0, 0);
    expect(measure([null], p(null, t(3, 4), t(10, 10)))).toEqual({ done: 7, total: 20 });
    expect(measure([{ offset: 0, timestamp: 5000 }], p(null, { offset: 10, timestamp: 6000 }, { offset: 40, timestamp: 9000 })))
      .toEqual({ done: 10, total: 40 });
    // A log offset is the id of the last entry read: from nothing, entry 0 is one done.
    expect(measure([null], p(null, { logOffset: 0 }, { logOffset: 2 }))).toEqual({ done: 1, total: 3 });
    expect(measure([{ logOffset: 0 }], p({ logOffset: 0 }, { logOffset: 1 }, { logOffset: 2 }))).toEqual({ done: 1, total: 2 });
    expect(measure([null], p(null, 5, null))).toBeUndefined();
    expect(measure([null], p(null, { path: "x" }, { path: "y" }))).toBeUndefined();
  });

  test("wired to the tracker: every backfill's progress and end", async () => {
    const { out, io } = output(false);
    const hide = showBackfillProgress(io, tracker);
    const q = query("wired", { kind: "availableNow" });
    tracker.noteProgress(q, batch(null, 10, 10, 10, 100));
    q.finish();
    await q.ended;
    await Promise.resolve();
    hide();
    tracker.noteProgress(q, batch(10, 20, 20, 10, 100)); // after hide(): not shown
    expect(out.text).toBe("backfill 'wired' batch 1: 10/10 offsets, 10 rows, 100 rows/s (100%)\nbackfill 'wired' finished: 1 batch, 10 rows in 0.1 s (100 rows/s)\n");
  });
});
