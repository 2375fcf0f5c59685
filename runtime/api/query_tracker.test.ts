import { describe, expect, test } from "bun:test";
import type { StreamingQueryProgress } from "../scheduler/progress.ts";
import { noteQueryProgress, type QueryInfo, queryInfo, queryTotals, QueryTracker, type TrackedQuery } from "./query_tracker.ts";

interface Fake extends TrackedQuery {
  finish(error?: Error): void;
  stopCalls: number;
}

let n = 0;
function fake(): Fake {
  let active = true;
  let error: Error | null = null;
  const { promise, resolve } = Promise.withResolvers<void>();
  const q: Fake = {
    id: `q${++n}`,
    name: null,
    get isActive() { return active; },
    exception: () => error,
    ended: promise,
    stopCalls: 0,
    async stop() {
      q.stopCalls++;
      q.finish();
    },
    finish(e?: Error) {
      if (!active) return;
      active = false;
      error = e ?? null;
      resolve();
    },
  };
  return q;
}

const progress = (rows: number, dropped = 0) => ({
  numInputRows: rows, sink: { numOutputRows: rows }, stateOperators: [{ numRowsDroppedByWatermark: dropped }],
}) as unknown as StreamingQueryProgress;

const info: QueryInfo = { sources: ["rate"], sink: "memory", outputMode: "append", trigger: { kind: "once" }, startedAt: "2024-01-01T00:00:00.000Z" };

describe("QueryTracker", () => {
  test("a session's tracker feeds its application's: both see the query, its info, totals and progress", () => {
    const app = new QueryTracker();
    const a = new QueryTracker(app);
    const b = new QueryTracker(app);
    const seen: string[] = [];
    app.onProgress((q) => seen.push(`app ${q.id}`));
    a.onProgress((q) => seen.push(`a ${q.id}`));
    b.onProgress((q) => seen.push(`b ${q.id}`));
    const q1 = fake();
    const q2 = fake();
    a.track(q1, info);
    b.track(q2);
    expect(a.started()).toEqual([q1]);
    expect(b.started()).toEqual([q2]);
    expect(app.started()).toEqual([q1, q2]);
    expect(queryInfo(q1)).toEqual(info);
    expect(queryInfo(q2)).toBeUndefined();
    a.noteProgress(q1, progress(5, 1));
    a.noteProgress(q1, progress(2));
    expect(queryTotals(q1)).toEqual({ batches: 2, inputRows: 7, outputRows: 7, rowsDroppedByWatermark: 1 });
    expect(seen).toEqual([`a ${q1.id}`, `app ${q1.id}`, `a ${q1.id}`, `app ${q1.id}`]);
  });

  test("noteQueryProgress alone adds to the totals without telling anyone", () => {
    const q = fake();
    noteQueryProgress(q, progress(3));
    expect(queryTotals(q).inputRows).toBe(3);
    expect(queryTotals(fake())).toEqual({ batches: 0, inputRows: 0, outputRows: 0, rowsDroppedByWatermark: 0 });
  });

  test("recent keeps the active queries and the last ended ones, in start order", async () => {
    const t = new QueryTracker();
    const [q0, q1, q2, q3] = [fake(), fake(), fake(), fake()];
    for (const q of [q0, q1, q2, q3]) t.track(q);
    q0.finish();
    q2.finish();
    q1.finish();
    await Promise.resolve();
    expect(t.active()).toEqual([q3]);
    expect(t.recent(1)).toEqual([q1, q3]);
    expect(t.recent(2)).toEqual([q1, q2, q3]);
  });

  test("onChanged on start and end; whenAllEnded waits for queries started meanwhile; stopAll stops the active", async () => {
    const t = new QueryTracker();
    let changes = 0;
    const off = t.onChanged(() => changes++);
    const a = fake();
    t.track(a);
    expect(changes).toBe(1);
    let done = false;
    const all = t.whenAllEnded().then(() => (done = true));
    const b = fake();
    t.track(b);
    a.finish();
    await new Promise((r) => setTimeout(r, 1));
    expect(done).toBe(false);
    await t.stopAll();
    await all;
    expect(done).toBe(true);
    expect([a.stopCalls, b.stopCalls]).toEqual([0, 1]);
    expect(changes).toBe(4);
    off();
    t.track(fake());
    expect(changes).toBe(4);
  });
});
