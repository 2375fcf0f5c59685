// The page's logic that needs no browser: what the charts plot, how figures are shown, how
// records from requests and events merge. (The page itself is tested in a real browser:
// tests/e2e/dashboard_browser.test.ts.)
import { describe, expect, test } from "bun:test";
import { fakeQuery, progressRecord } from "../fake_query.ts";

// Typed loosely: for the server these files are text (text_imports.d.ts); here they run as modules.
const series: any = await import("./page/series.mjs");
const format: any = await import("./page/format.mjs");
const { Store, maxRecordsKept }: any = await import("./page/store.mjs");

const q = fakeQuery({ name: "orders" });
q.finish();

function record(batchId: number, extra: Record<string, unknown> = {}) {
  return progressRecord(q, batchId, extra);
}

describe("chart series", () => {
  test("rates, input rows, stacked durations with their own values kept for the legend", () => {
    const recs = [
      record(0, { durationMs: { latestOffset: 1, getBatch: 2, queryPlanning: 0, addBatch: 10, walCommit: 3, commitOffsets: 4, triggerExecution: 21 } }),
      record(1, { inputRowsPerSecond: 7.5, processedRowsPerSecond: 30, durationMs: { addBatch: 5 } }),
    ];
    const spec = (key: string) => series.chartSpecs.find((s: any) => s.key === key);
    const rates = series.seriesOf(spec("rates"), recs);
    expect(rates.data).toEqual([
      [Date.parse("2024-01-01T00:00:00.000Z") / 1000, Date.parse("2024-01-01T00:00:01.000Z") / 1000],
      [5, 7.5], [40, 30],
    ]);
    const durations = series.seriesOf(spec("duration"), recs);
    expect(series.durationParts).toEqual(["latestOffset", "getBatch", "queryPlanning", "addBatch", "walCommit", "commitOffsets"]);
    expect(durations.raw.map((r: number[]) => r[0])).toEqual([1, 2, 0, 10, 3, 4]);
    expect(durations.data.slice(1).map((r: number[]) => r[0])).toEqual([1, 3, 3, 13, 16, 20]);
    expect(durations.data.slice(1).map((r: number[]) => r[1])).toEqual([0, 0, 0, 5, 5, 5]);
  });

  test("state, watermark lag, late rows and source lag; charts without data stay hidden", () => {
    const stateful = record(3, {
      timestamp: "2024-01-01T00:00:20.000Z",
      eventTime: { watermark: "2024-01-01T00:00:05.000Z" },
      stateOperators: [
        { numRowsTotal: 10, numRowsUpdated: 4, numRowsRemoved: 1, memoryUsedBytes: 2048, numRowsDroppedByWatermark: 2 },
        { numRowsTotal: 5, numRowsUpdated: 1, numRowsRemoved: 0, memoryUsedBytes: 1024, numRowsDroppedByWatermark: 1 },
      ],
      sources: [{ metrics: { maxOffsetsBehindLatest: "12" } }, { metrics: { maxOffsetsBehindLatest: "40" } }],
    });
    const spec = (key: string) => series.chartSpecs.find((s: any) => s.key === key);
    expect(series.seriesOf(spec("state"), [stateful]).raw).toEqual([[15], [5], [1], [3072]]);
    expect(series.seriesOf(spec("watermark"), [stateful]).raw).toEqual([[15]]);
    // Batches before the first watermark (Spark reports the epoch) are left out, as Spark's page does.
    expect(series.watermarkLagSeconds(record(0, { eventTime: { watermark: "1970-01-01T00:00:00.000Z" } }))).toBeNull();
    expect(series.seriesOf(spec("late"), [stateful]).raw).toEqual([[3]]);
    expect(series.seriesOf(spec("lag"), [stateful]).raw).toEqual([[40]]);
    const plain = [record(0)];
    const shown = series.chartSpecs.filter((s: any) => !s.showIf || s.showIf(plain)).map((s: any) => s.key);
    expect(shown).toEqual(["rates", "input", "duration"]);
    expect(series.chartSpecs.filter((s: any) => !s.showIf || s.showIf([stateful])).map((s: any) => s.key))
      .toEqual(["rates", "input", "duration", "state", "watermark", "late", "lag"]);
  });
});

describe("figures", () => {
  test("counts, rates, durations, bytes, triggers", () => {
    expect(format.count(1234567)).toBe("1,234,567");
    expect(format.count(null)).toBe("–");
    expect(format.rate(12.345)).toBe("12.3/s");
    expect([format.duration(250), format.duration(1500), format.duration(125_000), format.duration(7_380_000)]).toEqual(["250 ms", "1.5 s", "2 min 5 s", "2 h 3 min"]);
    expect([format.bytes(512), format.bytes(2048), format.bytes(5.5 * 1024 * 1024)]).toEqual(["512 B", "2 KiB", "5.5 MiB"]);
    expect(format.trigger({ kind: "processingTime", intervalMs: 500 })).toBe("every 500 ms");
    expect(format.trigger({ kind: "processingTime", intervalMs: 0 })).toBe("as fast as possible");
    expect(format.watermark("1970-01-01T00:00:00.000Z")).toBe("–");
    expect(format.watermark("2024-01-02T03:04:05.006Z")).toMatch(/^2024-01-0[12] \d\d:04:05\.006$/);
    expect(format.trigger({ kind: "availableNow" })).toBe("AvailableNow");
    expect(format.time("2024-01-01T10:20:30.045Z")).toMatch(/^\d\d:\d\d:30\.045$/);
  });
});

describe("the page's store", () => {
  test("records from the history request and from events merge in batch order, without repeats, up to a limit", () => {
    const store = new Store();
    let changes = 0;
    store.subscribe(() => changes++);
    store.addProgress("run", [record(2), record(3)]);
    store.addProgress("run", [record(0), record(1), record(2)]);
    expect(store.progress.get("run").map((p: any) => p.batchId)).toEqual([0, 1, 2, 3]);
    expect(changes).toBe(2);
    store.addProgress("big", Array.from({ length: maxRecordsKept + 5 }, (_, i) => record(i, { timestamp: new Date(i * 1000).toISOString() })));
    expect(store.progress.get("big")).toHaveLength(maxRecordsKept);
    expect(store.progress.get("big")[0].batchId).toBe(5);
  });

  test("a key is a run id, else the latest run of an id, else the running (or latest) query of that name", () => {
    const store = new Store();
    const runs = [
      { id: "A", runId: "a1", name: "orders", isActive: false },
      { id: "A", runId: "a2", name: "orders", isActive: true },
      { id: "B", runId: "b1", name: "other", isActive: false },
    ];
    store.setQueries(runs);
    expect(store.find("a1").runId).toBe("a1");
    expect(store.find("A").runId).toBe("a2");
    expect(store.find("orders").runId).toBe("a2");
    expect(store.find("other").runId).toBe("b1");
    expect(store.find("nope")).toBeUndefined();
    expect(runs.map((r) => store.isLatestRun(r))).toEqual([false, true, true]);
  });
});
