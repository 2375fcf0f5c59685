// The admin API as a Hono app: routes only. Everything it shows comes from `AdminSources` (the
// process-wide query tracker and the plugin registry in production, stand-ins in tests).
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { stringifyExact } from "../json/exact_json.ts";
import { queryInfo, restarterOf, type TrackedQuery } from "../api/query_tracker.ts";
import type { RegisteredPlugin } from "../plugin/registry.ts";
import { apiError, apiErrorBody } from "./api_error.ts";
import { dashboardAssets, dashboardCsp, dashboardHtml, type Asset } from "./dashboard/assets.ts";
import { EventHub } from "./event_stream.ts";
import { hostPolicy, type HostPolicy } from "./host_policy.ts";
import { prometheusContentType, prometheusText } from "./metrics.ts";
import { openApiDocument, routeIndex } from "./openapi.ts";
import { describeQuery, errorView, findQuery, queryDetail, queryState, querySummary, recentProgressOf } from "./query_view.ts";
import { checkHost, refuseCrossSite, requireJsonBody } from "./request_guard.ts";

export interface VersionInfo {
  sluice: string;
  /** The Spark version whose semantics and messages Sluice follows. */
  spark: string;
  runtime: string;
  runtimeVersion: string;
  compiledBinary: boolean;
}

export interface AdminSources {
  /** The queries to show: active ones and recently terminated ones, in start order. */
  queries(): readonly TrackedQuery[];
  plugins(): readonly RegisteredPlugin[];
  version: VersionInfo;
  /** When set, mutating routes require `Authorization: Bearer <token>` (SLUICE_ADMIN_TOKEN). */
  token?: string;
  /** Calls `fn` when a query starts, ends or completes a batch (feeds GET /api/v1/events); returns an unsubscribe function. */
  subscribe?(fn: () => void): () => void;
}

export interface AdminOptions {
  /** The Host headers served (default: a server bound to 127.0.0.1, no extra names). */
  hosts?: HostPolicy;
  /** Aborted when the server closes: open event streams end. */
  signal?: AbortSignal;
}

/** Limits of the API, named with their unit. */
export const maxProgressLimit = 100_000;
export const maxStopWaitMs = 600_000;
export const defaultStopWaitMs = 10_000;
export const maxRequestBodyBytes = 64 * 1024;
/** How often a restart checks whether the new run has started its first trigger. */
const startPollMs = 20;

export function createAdminApp(src: AdminSources, options: AdminOptions = {}): Hono {
  const app = new Hono();
  const events = new EventHub(src, options.signal);
  // Mutating routes: not for other sites, the token when there is one, JSON bodies only.
  const mutating = [refuseCrossSite(), bearerToken(src.token), requireJsonBody()] as const;

  app.use("*", securityHeaders(), checkHost(options.hosts ?? hostPolicy("127.0.0.1")));

  const page = dashboardHtml(src.version.sluice);
  app.get("/", (c) => serveAsset(c.req.raw, page, { "content-security-policy": dashboardCsp }));

  app.get("/assets/:file", (c) => {
    const name = c.req.param("file");
    const asset = dashboardAssets.get(name);
    if (!asset) return apiError("NOT_FOUND", `The dashboard has no file '${name}'.`, "GET / loads the dashboard and its files.");
    return serveAsset(c.req.raw, asset);
  });

  app.get("/api/v1", (c) => c.json({
    name: "Sluice admin API",
    version: src.version.sluice,
    tokenRequired: src.token !== undefined,
    dashboard: "/",
    openapi: "/api/v1/openapi.json",
    routes: routeIndex(),
  }));

  app.get("/api/v1/health", (c) => c.json({ status: "ok" }));

  app.get("/api/v1/ready", () => readiness(src.queries()));

  app.get("/api/v1/version", (c) => c.json(src.version));

  app.get("/api/v1/queries", (c) => c.json({ queries: src.queries().map(querySummary) }));

  app.get("/api/v1/events", (c) => events.open(c.req.raw));

  app.get("/api/v1/queries/:id", (c) => withQuery(c, (q) => exactJson(c, queryDetail(q))));

  app.get("/api/v1/queries/:id/plan", (c) => withQuery(c, (q) =>
    c.json({ id: q.id, runId: q.runId ?? null, name: q.name, plan: q.explainString ? q.explainString(true) : null })));

  app.get("/api/v1/queries/:id/progress", (c) => withQuery(c, (q) => {
    const raw = c.req.query("limit");
    let progress = recentProgressOf(q);
    if (raw !== undefined) {
      const limit = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
      if (!(limit >= 1 && limit <= maxProgressLimit)) {
        return apiError("INVALID_PARAMETER", `limit must be a whole number from 1 to ${maxProgressLimit}, got '${raw}'.`,
          "Leave limit out to get every record the query keeps (spark.sql.streaming.numRecentProgressUpdates).");
      }
      progress = progress.slice(-limit);
    }
    return exactJson(c, { id: q.id, progress });
  }));

  app.post("/api/v1/queries/:id/stop", ...mutating, (c) => withQuery(c, async (q) => {
    const body = await waitBody(c.req.raw);
    if (typeof body === "string") return apiError("INVALID_BODY", body, 'Send {"waitMs": N} with N from 0 to 600000, or no body.');
    if (q.isActive) {
      // stop() resolves when the query has ended; its failure (if any) shows in the answer.
      q.stop().catch(() => {});
      await endedWithin(q, body.waitMs);
    }
    return exactJson(c, queryDetail(q), q.isActive ? 202 : 200);
  }));

  app.post("/api/v1/queries/:id/restart", ...mutating, (c) => withQuery(c, async (q) => {
    const body = await waitBody(c.req.raw);
    if (typeof body === "string") return apiError("INVALID_BODY", body, 'Send {"waitMs": N} with N from 0 to 600000, or no body.');
    const refused = (message: string, hint: string) => apiError("QUERY_NOT_RESTARTABLE", `Query ${describeQuery(q)} ${message}`, hint);
    if (q.isActive) return refused("is running; stop it before restarting it.", `POST /api/v1/queries/${q.id}/stop first.`);
    if (!queryInfo(q)?.checkpointLocation) {
      return refused("has no checkpoint location, so a restart could not resume where it stopped.",
        'Give the query a checkpoint (option("checkpointLocation", …) or spark.sql.streaming.checkpointLocation) to make it restartable.');
    }
    const restart = restarterOf(q);
    if (!restart) return refused("was not started by DataStreamWriter.start() in this process.", "Start it again the way it was started.");
    let next: TrackedQuery;
    try {
      next = restart();
    } catch (e) {
      const error = errorView(e instanceof Error ? e : new Error(String(e)));
      return refused(`could not start again: [${error.code}] ${error.message}`, error.hint ?? "Fix the cause, then restart again.");
    }
    await startedWithin(next, body.waitMs);
    return exactJson(c, queryDetail(next), queryState(next) === "initializing" ? 202 : 200);
  }));

  app.get("/api/v1/plugins", (c) => c.json({ plugins: src.plugins().map(pluginSummary) }));

  app.get("/api/v1/plugins/:name", (c) => {
    const name = c.req.param("name");
    const hits = src.plugins().filter((p) => p.definition.name.toLowerCase() === name.toLowerCase());
    if (hits.length === 0) {
      return apiError("PLUGIN_NOT_FOUND", `No source or sink is named '${name}'.`, "GET /api/v1/plugins lists the plugins.");
    }
    return c.json({ plugins: hits.map(pluginDetail) });
  });

  app.get("/metrics", (c) => c.body(prometheusText(src.queries(), {
    version: src.version.sluice, runtime: src.version.runtime, runtimeVersion: src.version.runtimeVersion,
  }), 200, { "content-type": prometheusContentType }));

  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(src.version.sluice, { tokenRequired: src.token !== undefined })));

  app.notFound((c) => {
    const allowed = allowedMethods(app, new URL(c.req.url).pathname);
    if (allowed.length > 0) {
      return apiError("METHOD_NOT_ALLOWED", `${c.req.method} is not allowed on ${new URL(c.req.url).pathname}.`,
        `Use ${allowed.join(" or ")}.`, { allow: allowed.join(", ") });
    }
    return apiError("NOT_FOUND", `No route ${c.req.method} ${new URL(c.req.url).pathname}.`, "GET /api/v1/openapi.json lists the routes.");
  });

  app.onError((err) =>
    apiError("INTERNAL_ERROR", `The admin API failed: ${err instanceof Error ? err.message : String(err)}`,
      "This is a bug in sluice; please report it with the request that caused it.")
  );

  return app;

  /** Runs `route` with the query named by the :id parameter (id, run id or name). */
  function withQuery(c: Context, route: (q: TrackedQuery) => Response | Promise<Response>): Response | Promise<Response> {
    const key = c.req.param("id")!;
    const found = findQuery(src.queries(), key);
    if (!found) return queryNotFound(key);
    if ("ambiguous" in found) {
      return apiError("AMBIGUOUS_QUERY", `${found.ambiguous.length} running queries are named '${key}': ${found.ambiguous.map((q) => q.id).join(", ")}.`,
        "Name the query by its id instead.");
    }
    return route(found.query);
  }
}

function queryNotFound(id: string): Response {
  return apiError("QUERY_NOT_FOUND", `No query with id, run id or name '${id}' is active or recently terminated.`,
    "GET /api/v1/queries lists the known queries.");
}

/** A dashboard file; 304 when the browser has this version. */
function serveAsset(request: Request, asset: Asset, headers: Record<string, string> = {}): Response {
  const common = { etag: asset.etag, "cache-control": "no-cache", ...headers };
  const known = request.headers.get("if-none-match")?.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (known?.includes(asset.etag)) return new Response(null, { status: 304, headers: common });
  return new Response(asset.body, { headers: { "content-type": asset.type, ...common } });
}

/** Headers on every answer: no sniffing, no framing, no referrer; the page may load only its own files. */
function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
    if (!h.has("content-security-policy")) h.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  };
}

/** 200 once every started query runs; 503 naming the first failed or not-yet-running one. */
function readiness(queries: readonly TrackedQuery[]): Response {
  const list = queries.map((q) => ({ id: q.id, name: q.name, status: queryState(q) }));
  const notReady = (message: string, hint: string) =>
    Response.json({ ...apiErrorBody("NOT_READY", message, hint), ready: false, queries: list }, { status: 503 });
  if (queries.length === 0) {
    return notReady("No streaming query has started yet.", "The pipeline is still loading, or it starts no query.");
  }
  const failed = queries.find((q) => queryState(q) === "failed");
  if (failed) {
    const e = errorView(failed.exception()!);
    return notReady(`Query ${describeQuery(failed)} failed: [${e.code}] ${e.message}`, `GET /api/v1/queries/${failed.id} shows the error.`);
  }
  const pending = queries.find((q) => queryState(q) === "initializing");
  if (pending) {
    return notReady(`Query ${describeQuery(pending)} is not running yet: ${pending.status?.message ?? "starting"}.`,
      "Sources are being opened; try again shortly.");
  }
  if (!queries.some((q) => q.isActive)) {
    return notReady("No streaming query is running: every query has ended.", "GET /api/v1/queries shows how they ended.");
  }
  return Response.json({ ready: true, queries: list });
}

/**
 * The request body as text, or undefined when it is larger than maxRequestBodyBytes. Read here
 * rather than with hono/body-limit, which copies the request and with it the abort signal (Deno
 * then warns about its legacy abort behaviour on every such request).
 */
async function bodyText(request: Request): Promise<string | undefined> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxRequestBodyBytes) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxRequestBodyBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** The body of stop and restart: nothing, or a JSON object with an optional waitMs. Returns the problem as text. */
async function waitBody(request: Request): Promise<{ waitMs: number } | string> {
  const text = await bodyText(request);
  return text === undefined ? `The request body is larger than ${maxRequestBodyBytes} bytes.` : parseWaitBody(text);
}

function parseWaitBody(text: string): { waitMs: number } | string {
  if (text.trim() === "") return { waitMs: defaultStopWaitMs };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "The request body is not valid JSON.";
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "The request body must be a JSON object.";
  const extra = Object.keys(body).filter((k) => k !== "waitMs");
  if (extra.length > 0) return `Unknown field${extra.length > 1 ? "s" : ""} in the request body: ${extra.join(", ")}.`;
  const waitMs = "waitMs" in body ? (body as { waitMs: unknown }).waitMs : defaultStopWaitMs;
  if (typeof waitMs !== "number" || !Number.isInteger(waitMs) || waitMs < 0 || waitMs > maxStopWaitMs) {
    return `waitMs must be a whole number from 0 to ${maxStopWaitMs}, got ${JSON.stringify(waitMs)}.`;
  }
  return { waitMs };
}

async function endedWithin(q: TrackedQuery, waitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([q.ended.catch(() => {}), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
}

/** Waits until the query has started its first trigger or ended, for at most `waitMs`. */
async function startedWithin(q: TrackedQuery, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (queryState(q) === "initializing" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(startPollMs, Math.max(0, deadline - Date.now()))));
  }
}

function bearerToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : undefined;
  return async (c, next) => {
    if (expected) {
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
      // Compare digests so the comparison takes the same time whatever the token's length.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        return apiError("UNAUTHORIZED", given === undefined ? "This route needs a bearer token." : "The bearer token is wrong.",
          "Send the value of SLUICE_ADMIN_TOKEN as 'Authorization: Bearer <token>'.", { "www-authenticate": 'Bearer realm="sluice"' });
      }
    }
    await next();
  };
}

function digest(text: string): Uint8Array {
  return createHash("sha256").update(text).digest();
}

/** The methods the app has for this path (for 405 answers). */
function allowedMethods(app: Hono, path: string): string[] {
  const methods = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const pattern = new RegExp("^" + r.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[^/]+/g, "[^/]+") + "$");
    if (pattern.test(path)) methods.add(r.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

function pluginSummary(p: RegisteredPlugin) {
  return { name: p.definition.name, kind: p.definition.kind, summary: p.definition.summary, origin: p.origin };
}

function pluginDetail(p: RegisteredPlugin) {
  const d = p.definition;
  return {
    ...pluginSummary(p),
    options: d.options,
    examples: d.examples ?? [],
    ...(d.kind === "sink"
      ? { outputModes: d.outputModes, requiresCheckpoint: d.requiresCheckpoint ?? false }
      : { userSchema: d.userSchema ?? "none" }),
  };
}

/** c.json, with longs beyond 2^53 (Kafka offsets in progress records) written exact. */
function exactJson(c: Context, body: unknown, status: 200 | 202 = 200): Response {
  return c.newResponse(stringifyExact(body), status, { "content-type": "application/json" });
}
