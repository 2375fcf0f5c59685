import { afterEach, describe, expect, test } from "bun:test";
import { noteQueryProgress } from "../api/query_tracker.ts";
import type { StreamingQueryProgress } from "../scheduler/progress.ts";
import { createAdminApp } from "./app.ts";
import { fakeQuery, progressRecord, type FakeQuery } from "./fake_query.ts";
import { escapeLabel, prometheusText } from "./metrics.ts";

const build = { version: "0.1.0", runtime: "bun", runtimeVersion: "1.4.5" };
let live: FakeQuery[] = [];
afterEach(() => {
  for (const q of live) q.finish();
  live = [];
});

function batch(q: FakeQuery, batchId: number, dropped: number, extra: Record<string, unknown> = {}) {
  const p = progressRecord(q, batchId, {
    stateOperators: [{ operatorName: "stateStoreSave", numRowsTotal: 7, numRowsDroppedByWatermark: dropped }],
    eventTime: { watermark: "2024-01-01T00:00:00.000Z" },
    ...extra,
  });
  q.recentProgress.push(p);
  noteQueryProgress(q, p as unknown as StreamingQueryProgress);
}

describe("GET /metrics", () => {
  test("per-query gauges from the latest batch and counters over every batch", () => {
    // Two worker threads, busy half and a quarter of the time.
    const q = Object.assign(fakeQuery({ name: "win\"dows" }), { executorWorkers: () => ({ workers: 2, utilisation: [0.5, 0.25] }) });
    live.push(q);
    batch(q, 0, 2);
    batch(q, 1, 3, {
      timestamp: "2024-01-01T00:00:12.500Z",
      sources: [{ description: "KafkaV2[Subscribe[events]]", metrics: { minOffsetsBehindLatest: "8", avgOffsetsBehindLatest: "16.0", maxOffsetsBehindLatest: "24" } }],
    });
    const idle = fakeQuery({ name: null });
    live.push(idle);
    const text = prometheusText([q, idle], build);
    const labels = `{query_id="${q.id}",query_name="win\\"dows"}`;
    const lines = text.split("\n");
    for (const line of [
      `sluice_build_info{version="0.1.0",runtime="bun",runtime_version="1.4.5"} 1`,
      `sluice_query_active${labels} 1`,
      `sluice_query_input_rows_per_second${labels} 5`,
      `sluice_query_processed_rows_per_second${labels} 40`,
      `sluice_query_batch_duration_seconds${labels} 0.25`,
      `sluice_query_state_rows${labels} 7`,
      `sluice_query_watermark_lag_seconds${labels} 12.5`,
      `sluice_query_source_max_offsets_behind_latest${labels} 24`,
      `sluice_query_executor_workers${labels} 2`,
      `sluice_query_executor_worker_utilisation${labels} 0.375`,
      `sluice_query_late_rows_dropped_total${labels} 5`,
      `sluice_query_input_rows_total${labels} 20`,
      `sluice_query_batches_total${labels} 2`,
      `sluice_query_active{query_id="${idle.id}",query_name=""} 1`,
      `sluice_query_batches_total{query_id="${idle.id}",query_name=""} 0`,
    ]) expect(lines).toContain(line);
    // A query without batches has no rates yet (no sample rather than a made-up zero).
    expect(text).not.toContain(`sluice_query_input_rows_per_second{query_id="${idle.id}"`);
    // Every family has HELP and TYPE once, before its samples.
    const types = lines.filter((l) => l.startsWith("# TYPE "));
    expect(types).toHaveLength(13);
    expect(new Set(types).size).toBe(13);
    for (const l of lines.filter((l) => l !== "" && !l.startsWith("#"))) {
      expect(l).toMatch(/^[a-z_]+\{[a-z_]+="(?:[^"\\]|\\.)*"(?:,[a-z_]+="(?:[^"\\]|\\.)*")*\} (?:-?[0-9.e+-]+|NaN)$/);
    }
  });

  test("no watermark lag before the first watermark (Spark reports the epoch until then)", () => {
    const q = fakeQuery({ name: "w" });
    live.push(q);
    batch(q, 0, 0, { eventTime: { watermark: "1970-01-01T00:00:00.000Z" } });
    expect(prometheusText([q], build)).not.toContain("sluice_query_watermark_lag_seconds{");
  });

  test("a restarted query is one series, from its latest run", () => {
    const first = fakeQuery({ name: "orders" });
    first.finish(new Error("down"));
    const second = fakeQuery({ name: "orders", id: first.id });
    live.push(first, second);
    const text = prometheusText([first, second], build);
    expect(text.split("\n").filter((l) => l.startsWith("sluice_query_active{"))).toEqual([`sluice_query_active{query_id="${first.id}",query_name="orders"} 1`]);
  });

  test("label values escape backslash, quote and newline", () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  test("served with the Prometheus content type", async () => {
    const app = createAdminApp({
      queries: () => [], plugins: () => [],
      version: { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: "1.4.5", compiledBinary: false },
    });
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await res.text()).toStartWith("# HELP sluice_build_info");
  });
});
