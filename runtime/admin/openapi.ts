// The OpenAPI 3.1 description of the admin API, served at /api/v1/openapi.json. It describes the
// server that serves it: whether mutating routes need the token depends on SLUICE_ADMIN_TOKEN. A
// test checks that its paths and the app's routes are the same set; GET /api/v1 lists them.

const json = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref("Error"), description);
const idParam = {
  name: "id", in: "path", required: true,
  description: "The query's id (stable across restarts), the run id of one run, or the query's name. An id or name " +
    "several runs share means the latest run.",
  schema: { type: "string" },
};

/** Answers every route may give besides its own. */
const hostRefused = { "403": error("The Host header names neither this server nor an allowed host (HOST_NOT_ALLOWED).") };
const queryLookup = {
  "404": error("No active or recently terminated query has this id, run id or name."),
  "409": error("Two running queries (of different sessions) have this name; name one by its id (AMBIGUOUS_QUERY)."),
};

const waitBodySchema = (description: string) => ({
  required: false,
  content: {
    "application/json": {
      schema: {
        type: "object",
        additionalProperties: false,
        properties: { waitMs: { type: "integer", minimum: 0, maximum: 600000, default: 10000, description } },
      },
    },
  },
});

export interface OpenApiOptions {
  /** SLUICE_ADMIN_TOKEN is set: mutating routes need the bearer token. */
  tokenRequired: boolean;
}

/** Security, refusals and answers every mutating route shares. */
function mutatingParts(o: OpenApiOptions) {
  return {
    ...(o.tokenRequired ? { security: [{ bearer: [] }] } : {}),
    refusals: {
      "400": error("The body is not a JSON object with only waitMs (INVALID_BODY)."),
      ...(o.tokenRequired ? { "401": error("The bearer token is missing or wrong (UNAUTHORIZED).") } : {}),
      "403": error("The Host is not allowed (HOST_NOT_ALLOWED), or a browser sent the request from another site: an Origin " +
        "other than this server's, or Sec-Fetch-Site other than same-origin or none (CROSS_SITE_REQUEST)."),
      ...queryLookup,
      "415": error("The request has a body that is not application/json (UNSUPPORTED_MEDIA_TYPE)."),
    },
  };
}

const description = (o: OpenApiOptions) => [
  "Watch, stop and restart the streaming queries of one `sluice run` process, served with the dashboard (at /) " +
  "when `--admin-port` is given. Errors are `{error: {code, message, hint}}`.",
  "",
  "Rules every request meets:",
  "- Every route answers only requests whose Host header names the address the server is bound to (for 0.0.0.0 or ::, " +
  "this machine's addresses and host name), a loopback name (localhost, 127.0.0.1, [::1]) or a name given with " +
  "`--admin-allowed-hosts`; others get 403 HOST_NOT_ALLOWED (this defeats DNS rebinding).",
  "- Mutating routes (POST) refuse requests a browser sends from another site: an Origin header that is not this " +
  "server's origin, or a Sec-Fetch-Site header other than same-origin or none (403 CROSS_SITE_REQUEST).",
  "- Mutating routes accept no body or a JSON body with Content-Type application/json; any other Content-Type, or " +
  "a body without one, is 415 UNSUPPORTED_MEDIA_TYPE.",
  o.tokenRequired
    ? "- This server has a token (SLUICE_ADMIN_TOKEN): mutating routes need `Authorization: Bearer <token>` (401 UNAUTHORIZED)."
    : "- This server has no token (SLUICE_ADMIN_TOKEN is not set): mutating routes need none. Without a token the server " +
      "binds only to loopback addresses; `sluice run` refuses to start it on any other address.",
].join("\n");

export function openApiDocument(version: string, o: OpenApiOptions = { tokenRequired: false }): Record<string, unknown> {
  const m = mutatingParts(o);
  return {
    openapi: "3.1.0",
    info: { title: "Sluice admin API", version, description: description(o) },
    paths: {
      "/": {
        get: {
          summary: "The dashboard: the queries, one query's live charts, progress, plan and exception; stop and restart.",
          responses: {
            "200": { description: "The page (its scripts and styles are under /assets/).", content: { "text/html": { schema: { type: "string" } } } },
            "304": { description: "The browser's copy is current (If-None-Match)." },
            ...hostRefused,
          },
        },
      },
      "/assets/{file}": {
        get: {
          summary: "A file of the dashboard (its modules, styles and the uPlot chart library), embedded in sluice.",
          parameters: [{
            name: "file", in: "path", required: true, description: "The file name, e.g. main.mjs.", schema: { type: "string" },
            examples: { page: { value: "main.mjs" }, charts: { value: "uPlot.esm.js" } },
          }],
          responses: {
            "200": {
              description: "The file.",
              content: { "text/javascript": { schema: { type: "string" } }, "text/css": { schema: { type: "string" } } },
            },
            "304": { description: "The browser's copy is current (If-None-Match)." },
            ...hostRefused,
            "404": error("The dashboard has no such file."),
          },
        },
      },
      "/api/v1": {
        get: {
          summary: "What this server offers: its routes, whether mutating routes need the token, where the dashboard is.",
          responses: { "200": json(ref("Index"), "The index."), ...hostRefused },
        },
      },
      "/api/v1/health": {
        get: {
          summary: "Liveness: the process answers.",
          responses: { "200": json({ type: "object", properties: { status: { const: "ok" } } }, "Alive."), ...hostRefused },
        },
      },
      "/api/v1/ready": {
        get: {
          summary: "Readiness: every query started so far is running and none has failed.",
          responses: {
            "200": json(ref("Readiness"), "Every query is running."),
            "503": json({ allOf: [ref("Error"), ref("Readiness")] }, "Not ready; the message names the query that is failing or not running yet."),
            ...hostRefused,
          },
        },
      },
      "/api/v1/version": {
        get: {
          summary: "The sluice version, the Spark version whose semantics it follows, and the runtime.",
          responses: { "200": json(ref("Version"), "Versions."), ...hostRefused },
        },
      },
      "/api/v1/queries": {
        get: {
          summary: "Active and recently terminated queries.",
          responses: {
            "200": json({ type: "object", properties: { queries: { type: "array", items: ref("QuerySummary") } } },
              "The queries, in start order; a restarted query has one entry per run."),
            ...hostRefused,
          },
        },
      },
      "/api/v1/events": {
        get: {
          summary: "Server-sent events: `queries` ({queries: [QuerySummary]}) at connect and whenever a summary changes, " +
            "`progress` ({id, runId, name, progress: [StreamingQueryProgress]}) with each run's new progress records, " +
            "and a comment line every few seconds. Changes are sent at most four times a second.",
          responses: {
            "200": { description: "An event stream that stays open.", content: { "text/event-stream": { schema: { type: "string" } } } },
            ...hostRefused,
            "503": error("Too many event streams are open (TOO_MANY_EVENT_STREAMS), or the server is shutting down."),
          },
        },
      },
      "/api/v1/queries/{id}": {
        get: {
          summary: "One query: status, exception with its stack if any, totals and the latest progress.",
          parameters: [idParam],
          responses: { "200": json(ref("QueryDetail"), "The query."), ...hostRefused, ...queryLookup },
        },
      },
      "/api/v1/queries/{id}/plan": {
        get: {
          summary: "The query's plan as StreamingQuery.explain(extended=True) prints it.",
          parameters: [idParam],
          responses: {
            "200": json({
              type: "object",
              properties: {
                id: { type: "string" }, runId: { type: ["string", "null"] }, name: { type: ["string", "null"] },
                plan: { type: ["string", "null"], description: "Null for a query that cannot explain itself." },
              },
            }, "The plan."),
            ...hostRefused,
            ...queryLookup,
          },
        },
      },
      "/api/v1/queries/{id}/progress": {
        get: {
          summary: "The query's recent progress records, oldest first, with Spark's JSON field names.",
          parameters: [
            idParam,
            {
              name: "limit", in: "query", required: false, description: "Return at most this many of the most recent records.",
              schema: { type: "integer", minimum: 1, maximum: 100000 },
            },
          ],
          responses: {
            "200": json({
              type: "object",
              properties: { id: { type: "string" }, progress: { type: "array", items: ref("StreamingQueryProgress") } },
            }, "Progress records."),
            "400": error("limit is not a whole number from 1 to 100000."),
            ...hostRefused,
            ...queryLookup,
          },
        },
      },
      "/api/v1/queries/{id}/stop": {
        post: {
          summary: "Stops the query gracefully (the running batch finishes). Idempotent.",
          ...(m.security ? { security: m.security } : {}),
          parameters: [idParam],
          requestBody: waitBodySchema("How long to wait for the query to end before answering 202."),
          responses: {
            "200": json(ref("QueryDetail"), "The query has ended (now or before)."),
            "202": json(ref("QueryDetail"), "Stop requested; the query has not ended within waitMs."),
            ...m.refusals,
          },
        },
      },
      "/api/v1/queries/{id}/restart": {
        post: {
          summary: "Starts a stopped or failed query again from its checkpoint: the same definition and id, a new run id. " +
            "Refused for a running query and for a query without a checkpoint location.",
          ...(m.security ? { security: m.security } : {}),
          parameters: [idParam],
          requestBody: waitBodySchema("How long to wait for the new run to start its first trigger before answering 202."),
          responses: {
            "200": json(ref("QueryDetail"), "The new run, running (or already ended: its status and exception say why)."),
            "202": json(ref("QueryDetail"), "The new run has not started its first trigger within waitMs."),
            ...m.refusals,
            "409": error("The query is running, has no checkpoint location, was not started by DataStreamWriter.start(), or " +
              "could not start again (QUERY_NOT_RESTARTABLE, the message says which); or the name is ambiguous (AMBIGUOUS_QUERY)."),
          },
        },
      },
      "/api/v1/plugins": {
        get: {
          summary: "The sources and sinks the pipeline can use.",
          responses: {
            "200": json({ type: "object", properties: { plugins: { type: "array", items: ref("PluginSummary") } } }, "Sources first, then sinks, by name."),
            ...hostRefused,
          },
        },
      },
      "/api/v1/plugins/{name}": {
        get: {
          summary: "The plugins with this format name (a source and a sink may share one), with their option schemas.",
          parameters: [{ name: "name", in: "path", required: true, description: "Format name, case-insensitive.", schema: { type: "string" } }],
          responses: {
            "200": json({ type: "object", properties: { plugins: { type: "array", items: ref("PluginDetail") } } }, "The plugins."),
            ...hostRefused,
            "404": error("No plugin has this name."),
          },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics per query: rates, batch duration, state rows, watermark lag, late rows dropped.",
          responses: {
            "200": { description: "Prometheus text format 0.0.4.", content: { "text/plain": { schema: { type: "string" } } } },
            ...hostRefused,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          summary: "This document.",
          responses: { "200": json({ type: "object" }, "OpenAPI 3.1."), ...hostRefused },
        },
      },
    },
    components: {
      ...(o.tokenRequired
        ? { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The value of SLUICE_ADMIN_TOKEN." } } }
        : {}),
      schemas: {
        Index: {
          type: "object",
          required: ["name", "version", "tokenRequired", "dashboard", "openapi", "routes"],
          properties: {
            name: { type: "string" },
            version: { type: "string" },
            tokenRequired: { type: "boolean", description: "Whether mutating routes need `Authorization: Bearer <token>`." },
            dashboard: { type: "string", description: "Path of the dashboard page." },
            openapi: { type: "string", description: "Path of this document." },
            routes: {
              type: "array",
              items: {
                type: "object", required: ["method", "path", "summary"],
                properties: { method: { type: "string" }, path: { type: "string" }, summary: { type: "string" } },
              },
            },
          },
        },
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "hint"],
              properties: { code: { type: "string" }, message: { type: "string" }, hint: { type: "string" } },
            },
          },
        },
        Readiness: {
          type: "object",
          properties: {
            ready: { type: "boolean" },
            queries: {
              type: "array",
              items: { type: "object", properties: { id: { type: "string" }, name: { type: ["string", "null"] }, status: ref("QueryState") } },
            },
          },
        },
        Version: {
          type: "object",
          properties: {
            sluice: { type: "string" }, spark: { type: "string" }, runtime: { enum: ["bun", "deno"] },
            runtimeVersion: { type: "string" }, compiledBinary: { type: "boolean" },
          },
        },
        QueryState: { enum: ["initializing", "running", "stopping", "stopped", "finished", "failed"] },
        QuerySummary: {
          type: "object",
          properties: {
            id: { type: "string" },
            runId: { type: ["string", "null"] },
            name: { type: ["string", "null"] },
            status: ref("QueryState"),
            isActive: { type: "boolean" },
            startedAt: { type: ["string", "null"], format: "date-time" },
            outputMode: { type: ["string", "null"] },
            trigger: { type: ["object", "null"] },
            checkpointLocation: { type: ["string", "null"] },
            restartable: { type: "boolean", description: "Whether POST …/restart can start it again once it has ended (it has a checkpoint and its definition is known)." },
            sources: {
              type: "array",
              items: { type: "object", properties: { format: { type: ["string", "null"] }, description: { type: ["string", "null"] } } },
            },
            sink: { type: "object", properties: { format: { type: ["string", "null"] }, description: { type: ["string", "null"] } } },
            lastProgress: {
              type: ["object", "null"],
              description: "Headline figures of the latest batch.",
              properties: {
                batchId: { type: "integer" }, timestamp: { type: "string" }, batchDuration: { type: "number" },
                numInputRows: { type: "integer" }, inputRowsPerSecond: { type: ["number", "null"] },
                processedRowsPerSecond: { type: ["number", "null"] }, numRowsTotal: { type: "integer" },
                watermark: { type: ["string", "null"] },
                maxOffsetsBehindLatest: { type: ["number", "null"], description: "Largest source lag (Kafka's maxOffsetsBehindLatest)." },
              },
            },
            totals: ref("Totals"),
            exception: { oneOf: [ref("QueryError"), { type: "null" }] },
            queryStatus: {
              type: ["object", "null"],
              description: "Spark's StreamingQueryStatus.",
              properties: { message: { type: "string" }, isDataAvailable: { type: "boolean" }, isTriggerActive: { type: "boolean" } },
            },
          },
        },
        Totals: {
          type: "object",
          description: "Counts over every batch of this run.",
          properties: {
            batches: { type: "integer" }, inputRows: { type: "integer" }, outputRows: { type: "integer" },
            rowsDroppedByWatermark: { type: "integer" },
          },
        },
        QueryError: {
          type: "object",
          properties: {
            code: { type: "string" }, message: { type: "string" }, hint: { type: ["string", "null"] }, sqlState: { type: ["string", "null"] },
          },
        },
        QueryDetail: {
          allOf: [
            ref("QuerySummary"),
            {
              type: "object",
              properties: {
                exception: {
                  oneOf: [
                    { allOf: [ref("QueryError"), { type: "object", properties: { stack: { type: "string", description: "The stack with its causes." } } }] },
                    { type: "null" },
                  ],
                },
                lastProgress: { oneOf: [ref("StreamingQueryProgress"), { type: "null" }] },
              },
            },
          ],
        },
        StreamingQueryProgress: {
          type: "object",
          description: "Spark's StreamingQueryProgress JSON (id, runId, name, timestamp, batchId, batchDuration, numInputRows, " +
            "inputRowsPerSecond, processedRowsPerSecond, durationMs, eventTime, stateOperators, sources, sink, observedMetrics).",
          additionalProperties: true,
        },
        PluginSummary: {
          type: "object",
          properties: {
            name: { type: "string" }, kind: { enum: ["source", "sink"] }, summary: { type: "string" },
            origin: { type: "string", description: "\"builtin\" or the file the plugin was loaded from." },
          },
        },
        PluginDetail: {
          allOf: [
            ref("PluginSummary"),
            {
              type: "object",
              properties: {
                options: { type: "object", description: "The JSON Schema the plugin's options are validated against." },
                examples: { type: "array", items: { type: "object" } },
                outputModes: { type: "array", items: { enum: ["append", "update", "complete"] }, description: "Sinks only." },
                requiresCheckpoint: { type: "boolean", description: "Sinks only." },
                userSchema: { enum: ["none", "optional", "required"], description: "Sources only." },
              },
            },
          ],
        },
      },
    },
  };
}

/** The routes of the document, for GET /api/v1. */
export function routeIndex(): { method: string; path: string; summary: string }[] {
  const doc = openApiDocument("") as { paths: Record<string, Record<string, { summary: string }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, summary: op.summary })));
}
