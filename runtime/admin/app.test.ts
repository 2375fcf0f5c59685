import { afterEach, describe, expect, test } from "bun:test";
import { noteQueryProgress, QueryTracker, type TrackedQuery } from "../api/query_tracker.ts";
import { userError } from "../errors.ts";
import { registerBuiltins } from "../plugin/builtins.ts";
import { PluginRegistry } from "../plugin/registry.ts";
import type { StreamingQueryProgress } from "../scheduler/progress.ts";
import { createAdminApp, type AdminSources } from "./app.ts";
import { fakeQuery, progressRecord, type FakeQuery } from "./fake_query.ts";

const registry = new PluginRegistry();
registerBuiltins(registry);

const version = { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false };

let live: FakeQuery[] = [];
afterEach(() => {
  // Tracked stand-ins must end, or the process-wide tracker would wait on them in other tests.
  for (const q of live) q.finish();
  live = [];
});

function setup(queries: TrackedQuery[] = [], token?: string) {
  const sources: AdminSources = { queries: () => queries, plugins: () => registry.list(), version, token };
  return createAdminApp(sources);
}

function query(init?: Parameters<typeof fakeQuery>[0]): FakeQuery {
  const q = fakeQuery(init);
  live.push(q);
  return q;
}

async function call(app: ReturnType<typeof setup>, path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : await res.text();
  return { status: res.status, body: body as any, headers: res.headers };
}

describe("admin API: health, version", () => {
  test("health answers ok, version names sluice, spark and the runtime", async () => {
    const app = setup();
    expect(await call(app, "/api/v1/health")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect((await call(app, "/api/v1/version")).body).toEqual(version);
  });
});

describe("admin API: ready", () => {
  test("503 before any query starts", async () => {
    const r = await call(setup(), "/api/v1/ready");
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe("NOT_READY");
    expect(r.body.error.message).toBe("No streaming query has started yet.");
  });

  test("503 naming the query that is not running yet, then 200", async () => {
    const a = query({ name: "a" });
    const b = query({ name: "slow", running: false });
    const app = setup([a, b]);
    const r = await call(app, "/api/v1/ready");
    expect(r.status).toBe(503);
    expect(r.body.error.message).toBe(`Query 'slow' (id ${b.id}) is not running yet: Initializing StreamExecution.`);
    expect(r.body.queries).toEqual([
      { id: a.id, name: "a", status: "running" },
      { id: b.id, name: "slow", status: "initializing" },
    ]);
    b.status = { message: "Waiting for data to arrive", isDataAvailable: false, isTriggerActive: false };
    const ok = await call(app, "/api/v1/ready");
    expect(ok.status).toBe(200);
    expect(ok.body.ready).toBe(true);
  });

  test("503 naming the failed query with its error code", async () => {
    const a = query({ name: "a" });
    const b = query({ name: "totals" });
    b.finish(userError("DIVIDE_BY_ZERO", "Division by zero.", { sqlState: "22012" }));
    const r = await call(setup([a, b]), "/api/v1/ready");
    expect(r.status).toBe(503);
    expect(r.body.error.message).toBe(`Query 'totals' (id ${b.id}) failed: [DIVIDE_BY_ZERO] Division by zero.`);
    expect(r.body.error.hint).toBe(`GET /api/v1/queries/${b.id} shows the error.`);
  });

  test("503 once every query has ended", async () => {
    const a = query();
    a.finish();
    const r = await call(setup([a]), "/api/v1/ready");
    expect(r.status).toBe(503);
    expect(r.body.error.message).toBe("No streaming query is running: every query has ended.");
  });
});

describe("admin API: queries", () => {
  test("the list shows id, runId, name, status, sources, sink and the latest progress summary", async () => {
    const q = query({ name: "events" });
    new QueryTracker().track(q, {
      sources: ["rate"], sink: "console", outputMode: "append", trigger: { kind: "processingTime", intervalMs: 1000 },
      startedAt: "2024-01-01T00:00:00.000Z",
    });
    const unnamed = query({ name: null, running: false });
    const app = setup([q, unnamed]);

    let r = await call(app, "/api/v1/queries");
    expect(r.status).toBe(200);
    expect(r.body.queries[0]).toEqual({
      id: q.id, runId: q.runId, name: "events", status: "running", isActive: true, startedAt: "2024-01-01T00:00:00.000Z",
      outputMode: "append", trigger: { kind: "processingTime", intervalMs: 1000 }, checkpointLocation: null, restartable: false,
      sources: [{ format: "rate", description: null }], sink: { format: "console", description: null }, lastProgress: null,
      totals: { batches: 0, inputRows: 0, outputRows: 0, rowsDroppedByWatermark: 0 }, exception: null, queryStatus: q.status,
    });
    expect(r.body.queries[1]).toMatchObject({ id: unnamed.id, name: null, status: "initializing", sources: [], lastProgress: null });

    q.recentProgress.push(progressRecord(q, 0), progressRecord(q, 1, { eventTime: { watermark: "2024-01-01T00:00:00.000Z" } }));
    r = await call(app, "/api/v1/queries");
    expect(r.body.queries[0].sources).toEqual([{ format: "rate", description: "RateStreamV2[rowsPerSecond=5]" }]);
    expect(r.body.queries[0].sink).toEqual({ format: "console", description: "ConsoleSink" });
    expect(r.body.queries[0].lastProgress).toEqual({
      batchId: 1, timestamp: "2024-01-01T00:00:01.000Z", batchDuration: 250, numInputRows: 10, inputRowsPerSecond: 5,
      processedRowsPerSecond: 40, numRowsTotal: 0, watermark: "2024-01-01T00:00:00.000Z", maxOffsetsBehindLatest: null,
    });
  });

  test("one query by id, run id or name: status, exception with its stack, totals and the full last progress", async () => {
    const q = query({ name: "casts" });
    q.recentProgress.push(progressRecord(q, 0));
    noteQueryProgress(q, progressRecord(q, 0) as unknown as StreamingQueryProgress);
    const app = setup([q]);
    const byId = await call(app, `/api/v1/queries/${q.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id: q.id, status: "running", exception: null, queryStatus: q.status,
      totals: { batches: 1, inputRows: 10, outputRows: 10, rowsDroppedByWatermark: 0 },
      lastProgress: progressRecord(q, 0),
    });
    expect((await call(app, `/api/v1/queries/${q.runId}`)).body.id).toBe(q.id);
    expect((await call(app, "/api/v1/queries/casts")).body.id).toBe(q.id);

    const cause = new TypeError("socket hang up");
    q.finish(userError("CAST_INVALID_INPUT", "The value 'x' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed.", {
      sqlState: "22018", hint: "Use try_cast.", cause,
    }));
    const failed = await call(app, `/api/v1/queries/${q.id}`);
    expect(failed.body.status).toBe("failed");
    const { stack, ...rest } = failed.body.exception;
    expect(rest).toEqual({
      code: "CAST_INVALID_INPUT",
      message: "The value 'x' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed.",
      hint: "Use try_cast.",
      sqlState: "22018",
    });
    expect(stack).toStartWith("SluiceError: [CAST_INVALID_INPUT] The value 'x'");
    expect(stack).toContain("app.test.ts");
    expect(stack).toContain("\nCaused by: TypeError: socket hang up\n");
    // The list shows the error too, without the stack.
    expect((await call(app, "/api/v1/queries")).body.queries[0].exception).toEqual(rest);
  });

  test("the plan is the query's extended explain", async () => {
    const q = query({ name: "planned" });
    const r = await call(setup([q]), "/api/v1/queries/planned/plan");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: q.id, runId: q.runId, name: "planned", plan: q.explainString!(true) });
    expect(r.body.plan).toContain("== Analyzed Logical Plan ==");
  });

  test("an id or name several runs share means the latest run; two running queries with one name are ambiguous", async () => {
    const first = query({ name: "orders" });
    first.finish(new Error("broker down"));
    const second = query({ name: "orders", id: first.id });
    const other = query({ name: "other" });
    const app = setup([first, other, second]);
    expect((await call(app, `/api/v1/queries/${first.id}`)).body.runId).toBe(second.runId);
    expect((await call(app, "/api/v1/queries/orders")).body.runId).toBe(second.runId);
    expect((await call(app, `/api/v1/queries/${first.runId}`)).body).toMatchObject({ runId: first.runId, status: "failed" });

    const twin = query({ name: "other" });
    const both = await call(setup([other, twin]), "/api/v1/queries/other/progress");
    expect(both.status).toBe(409);
    expect(both.body.error).toEqual({
      code: "AMBIGUOUS_QUERY", message: `2 running queries are named 'other': ${other.id}, ${twin.id}.`, hint: "Name the query by its id instead.",
    });
  });

  test("unknown and odd ids are 404 with the error shape", async () => {
    const app = setup([query()]);
    for (const id of ["nope", "%00", "..%2F..%2Fetc", "x".repeat(2000), "%E0%A4%A"]) {
      for (const path of [`/api/v1/queries/${id}`, `/api/v1/queries/${id}/progress`]) {
        const r = await call(app, path);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe("QUERY_NOT_FOUND");
        expect(r.body.error.hint).toBe("GET /api/v1/queries lists the known queries.");
      }
    }
  });

  test("progress with Spark's field names, the last N with ?limit", async () => {
    const q = query();
    for (let i = 0; i < 5; i++) q.recentProgress.push(progressRecord(q, i));
    const app = setup([q]);
    const all = await call(app, `/api/v1/queries/${q.id}/progress`);
    expect(all.body.progress.map((p: any) => p.batchId)).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(all.body.progress[0])).toEqual(Object.keys(progressRecord(q, 0)));
    const two = await call(app, `/api/v1/queries/${q.id}/progress?limit=2`);
    expect(two.body).toEqual({ id: q.id, progress: [progressRecord(q, 3), progressRecord(q, 4)] });
    expect((await call(app, `/api/v1/queries/${q.id}/progress?limit=100000`)).body.progress).toHaveLength(5);
  });

  test("a bad limit is 400", async () => {
    const q = query();
    const app = setup([q]);
    for (const bad of ["0", "-1", "1.5", "abc", "", "100001", "1e3", "9999999999"]) {
      const r = await call(app, `/api/v1/queries/${q.id}/progress?limit=${encodeURIComponent(bad)}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("INVALID_PARAMETER");
    }
  });
});

describe("admin API: stop", () => {
  test("stops gracefully and is idempotent; unknown ids are 404", async () => {
    const q = query({ name: "a" });
    const app = setup([q]);
    const first = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: q.id, status: "stopped", isActive: false });
    expect(q.stopCalls).toBe(1);
    const again = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST" });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("stopped");
    expect(q.stopCalls).toBe(1);
    const unknown = await call(app, "/api/v1/queries/nope/stop", { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("QUERY_NOT_FOUND");
  });

  test("202 while a stop takes longer than waitMs", async () => {
    const q = query();
    q.stopsAtOnce = false;
    const r = await call(setup([q]), `/api/v1/queries/${q.id}/stop`, { method: "POST", body: JSON.stringify({ waitMs: 0 }) });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe("stopping");
    expect(q.stopRequested).toBe(true);
  });

  test("a stopped failed query stays failed", async () => {
    const q = query();
    q.finish(new Error("boom"));
    const r = await call(setup([q]), `/api/v1/queries/${q.id}/stop`, { method: "POST" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "failed", exception: { code: "Error", message: "boom" } });
  });

  test("bad bodies are 400 and leave the query running", async () => {
    const q = query();
    const app = setup([q]);
    const bodies: [string, string][] = [
      ["{", "The request body is not valid JSON."],
      ["[]", "The request body must be a JSON object."],
      ["null", "The request body must be a JSON object."],
      ['"stop"', "The request body must be a JSON object."],
      ['{"force": true}', "Unknown field in the request body: force."],
      ['{"waitMs": -1}', "waitMs must be a whole number from 0 to 600000, got -1."],
      ['{"waitMs": "10"}', 'waitMs must be a whole number from 0 to 600000, got "10".'],
      ['{"waitMs": 1.5}', "waitMs must be a whole number from 0 to 600000, got 1.5."],
      ['{"waitMs": null}', "waitMs must be a whole number from 0 to 600000, got null."],
    ];
    for (const [body, message] of bodies) {
      const r = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", body, headers: { "content-type": "application/json" } });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: "INVALID_BODY", message });
    }
    const huge = await call(app, `/api/v1/queries/${q.id}/stop`, {
      method: "POST", body: "x".repeat(70_000), headers: { "content-type": "application/json" },
    });
    expect(huge.status).toBe(400);
    expect(q.stopCalls).toBe(0);
    expect(q.isActive).toBe(true);
  });

  test("with SLUICE_ADMIN_TOKEN set, stop needs the bearer token; reads do not", async () => {
    const q = query();
    const app = setup([q], "s3cret");
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong" }, { authorization: "Basic s3cret" }, { authorization: "Bearer " }];
    for (const headers of attempts) {
      const r = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", headers });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("UNAUTHORIZED");
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="sluice"');
    }
    // Unknown ids are not revealed to callers without the token.
    expect((await call(app, "/api/v1/queries/nope/stop", { method: "POST" })).status).toBe(401);
    expect(q.stopCalls).toBe(0);
    expect((await call(app, `/api/v1/queries/${q.id}`)).status).toBe(200);
    const ok = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", headers: { authorization: "Bearer s3cret" } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("stopped");
  });
});

describe("admin API: plugins", () => {
  test("the list and one plugin with its option schema", async () => {
    const app = setup();
    const list = await call(app, "/api/v1/plugins");
    expect(list.body.plugins).toContainEqual({ name: "rate", kind: "source", summary: registry.source("rate").summary, origin: "builtin" });
    expect(list.body.plugins.map((p: any) => p.kind)).toEqual([...list.body.plugins.map((p: any) => p.kind)].sort().reverse());
    const rate = await call(app, "/api/v1/plugins/RATE");
    expect(rate.status).toBe(200);
    expect(rate.body.plugins).toEqual([{
      name: "rate", kind: "source", summary: registry.source("rate").summary, origin: "builtin",
      options: registry.source("rate").options, examples: registry.source("rate").examples ?? [], userSchema: "none",
    }]);
    const memory = await call(app, "/api/v1/plugins/memory");
    expect(memory.body.plugins[0]).toMatchObject({ kind: "sink", outputModes: ["append", "update", "complete"], requiresCheckpoint: false });
    const missing = await call(app, "/api/v1/plugins/kafkaa");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("PLUGIN_NOT_FOUND");
  });
});

describe("admin API: routing errors", () => {
  test("unknown routes are 404 and wrong methods 405, as JSON", async () => {
    const app = setup();
    const none = await call(app, "/api/v1/nothing");
    expect(none).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", message: "No route GET /api/v1/nothing." } } });
    const wrong = await call(app, "/api/v1/queries", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(wrong.headers.get("allow")).toBe("GET, HEAD");
    const getStop = await call(app, "/api/v1/queries/abc/stop");
    expect(getStop.status).toBe(405);
    expect(getStop.headers.get("allow")).toBe("POST");
  });

  test("an error inside a route is a JSON 500, not a crash", async () => {
    const broken: AdminSources = {
      queries: () => { throw new Error("tracker exploded"); },
      plugins: () => [],
      version,
    };
    const r = await call(createAdminApp(broken), "/api/v1/queries");
    expect(r.status).toBe(500);
    expect(r.body.error).toMatchObject({ code: "INTERNAL_ERROR", message: "The admin API failed: tracker exploded" });
  });
});

describe("admin API: restart", () => {
  /** A tracked stand-in whose restart starts a new run with the same id, as the writer's does. */
  function restartable(queries: TrackedQuery[], init: { name: string; checkpoint: string | null }, nextRunning = true): FakeQuery {
    const start = (id?: string): FakeQuery => {
      const q = query({ name: init.name, id, running: id === undefined || nextRunning });
      queries.push(q);
      new QueryTracker().track(q, {
        sources: ["rate"], sink: "memory", outputMode: "append", trigger: { kind: "processingTime", intervalMs: 100 },
        startedAt: "2024-01-01T00:00:00.000Z", checkpointLocation: init.checkpoint,
      }, () => start(q.id));
      return q;
    };
    return start();
  }

  test("a stopped or failed query starts again: same id, a new run id; the name finds the new run", async () => {
    const queries: TrackedQuery[] = [];
    const q = restartable(queries, { name: "orders", checkpoint: "/tmp/ckpt/orders" });
    const app = setup(queries);
    expect((await call(app, "/api/v1/queries")).body.queries[0]).toMatchObject({ restartable: true, checkpointLocation: "/tmp/ckpt/orders" });
    q.finish(userError("KAFKA_UNAVAILABLE", "The broker is down."));
    const r = await call(app, "/api/v1/queries/orders/restart", { method: "POST" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: q.id, name: "orders", status: "running", exception: null });
    expect(r.body.runId).not.toBe(q.runId);
    expect((await call(app, "/api/v1/queries/orders")).body.runId).toBe(r.body.runId);
    expect((await call(app, "/api/v1/queries")).body.queries.map((x: any) => [x.runId, x.status])).toEqual([
      [q.runId, "failed"], [r.body.runId, "running"],
    ]);
    // Stopped, then restarted again by run id of the old run: the query's latest run restarts.
    await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST" });
    const again = await call(app, `/api/v1/queries/${q.id}/restart`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(again.status).toBe(200);
    expect(queries).toHaveLength(3);
  });

  test("202 while the new run has not started its first trigger within waitMs", async () => {
    const queries: TrackedQuery[] = [];
    const q = restartable(queries, { name: "slow", checkpoint: "/tmp/ckpt/slow" }, false);
    q.finish();
    const r = await call(setup(queries), `/api/v1/queries/${q.id}/restart`, {
      method: "POST", body: JSON.stringify({ waitMs: 30 }), headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe("initializing");
  });

  test("refused with a message: running, no checkpoint, unknown definition, start fails", async () => {
    const queries: TrackedQuery[] = [];
    const running = restartable(queries, { name: "running", checkpoint: "/tmp/ckpt/r" });
    const noCheckpoint = restartable(queries, { name: "console", checkpoint: null });
    noCheckpoint.finish();
    const untracked = query({ name: "untracked" });
    untracked.finish();
    queries.push(untracked);
    const broken = query({ name: "broken" });
    new QueryTracker().track(broken, {
      sources: ["rate"], sink: "memory", outputMode: "append", trigger: { kind: "once" }, startedAt: "2024-01-01T00:00:00.000Z",
      checkpointLocation: "/tmp/ckpt/b",
    }, () => { throw userError("DUPLICATE_QUERY_NAME", "Cannot start query with name broken as a query with that name is already active in this SparkSession", { hint: "Stop the other query first." }); });
    broken.finish();
    queries.push(broken);
    const app = setup(queries);
    const cases: [FakeQuery, string, string][] = [
      [running, `Query 'running' (id ${running.id}) is running; stop it before restarting it.`, `POST /api/v1/queries/${running.id}/stop first.`],
      [noCheckpoint, `Query 'console' (id ${noCheckpoint.id}) has no checkpoint location, so a restart could not resume where it stopped.`,
        'Give the query a checkpoint (option("checkpointLocation", …) or spark.sql.streaming.checkpointLocation) to make it restartable.'],
      [untracked, `Query 'untracked' (id ${untracked.id}) has no checkpoint location, so a restart could not resume where it stopped.`,
        'Give the query a checkpoint (option("checkpointLocation", …) or spark.sql.streaming.checkpointLocation) to make it restartable.'],
      [broken, `Query 'broken' (id ${broken.id}) could not start again: [DUPLICATE_QUERY_NAME] Cannot start query with name broken as a query with that name is already active in this SparkSession`,
        "Stop the other query first."],
    ];
    for (const [q, message, hint] of cases) {
      const r = await call(app, `/api/v1/queries/${q.id}/restart`, { method: "POST" });
      expect(r.status).toBe(409);
      expect(r.body.error).toEqual({ code: "QUERY_NOT_RESTARTABLE", message, hint });
    }
    expect(running.stopCalls).toBe(0);
    expect((await call(app, "/api/v1/queries/nope/restart", { method: "POST" })).status).toBe(404);
  });

  test("with a token, restart needs it", async () => {
    const queries: TrackedQuery[] = [];
    const q = restartable(queries, { name: "t", checkpoint: "/tmp/ckpt/t" });
    q.finish();
    const app = setup(queries, "s3cret");
    expect((await call(app, `/api/v1/queries/${q.id}/restart`, { method: "POST" })).status).toBe(401);
    expect(queries).toHaveLength(1);
    const ok = await call(app, `/api/v1/queries/${q.id}/restart`, { method: "POST", headers: { authorization: "Bearer s3cret" } });
    expect(ok.status).toBe(200);
  });
});

describe("admin API: the index", () => {
  test("GET /api/v1 lists every documented route and says whether the token is needed", async () => {
    const r = await call(setup(), "/api/v1");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "Sluice admin API", version: "0.1.0", tokenRequired: false, dashboard: "/", openapi: "/api/v1/openapi.json" });
    const doc = (await call(setup(), "/api/v1/openapi.json")).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .flatMap(([path, item]) => Object.entries(item).map(([m, op]) => ({ method: m.toUpperCase(), path, summary: op.summary })));
    expect(r.body.routes).toEqual(documented);
    expect(r.body.routes).toContainEqual(expect.objectContaining({ method: "POST", path: "/api/v1/queries/{id}/restart" }));
    expect((await call(setup([], "t"), "/api/v1")).body.tokenRequired).toBe(true);
  });
});

describe("the dashboard's files", () => {
  test("/ is the page, with a policy that lets it load only its own files; its modules and uPlot are under /assets/", async () => {
    const app = setup();
    const page = await app.request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toStartWith("default-src 'none'; script-src 'self'; style-src 'self';");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/assets/main.mjs"></script>');
    expect(html).toContain("sluice 0.1.0");
    const linked = [...html.matchAll(/(?:href|src)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
    expect(linked.sort()).toEqual(["dashboard.css", "main.mjs", "uPlot.min.css"]);
    // Every module the page imports is served, as JavaScript.
    const pending = ["main.mjs"];
    const seen = new Set<string>();
    while (pending.length) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await app.request(`/assets/${name}`);
      expect({ name, status: res.status, type: res.headers.get("content-type") }).toEqual({ name, status: 200, type: "text/javascript; charset=utf-8" });
      for (const m of (await res.text()).matchAll(/^import .* from "\.\/([^"]+)";$/gm)) pending.push(m[1]!);
    }
    expect(seen).toContain("uPlot.esm.js");
    expect((await app.request("/assets/uPlot.min.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  test("ETag and If-None-Match; unknown files are 404 JSON", async () => {
    const app = setup();
    const first = await app.request("/assets/main.mjs");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await app.request("/assets/main.mjs", { headers: { "if-none-match": `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const missing = await call(app, "/assets/..%2Fapp.ts");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    expect((await call(app, "/assets/nothing.js")).body.error.message).toBe("The dashboard has no file 'nothing.js'.");
  });
});
