// The OpenAPI 3.1 description of the admin API, served at /api/v1/openapi.json. A test checks that
// its paths and the app's routes are the same set.

const json = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref("Error"), description);
const idParam = {
  name: "id", in: "path", required: true, description: "The query's id (stable across restarts) or its run id.",
  schema: { type: "string" },
};

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Sluice admin API",
      version,
      description: "Watch and stop the streaming queries of one `sluice run` process. Served when `--admin-port` is given. " +
        "Mutating routes need `Authorization: Bearer <token>` when SLUICE_ADMIN_TOKEN is set. Errors are `{error: {code, message, hint}}`.",
    },
    paths: {
      "/api/v1/health": {
        get: {
          summary: "Liveness: the process answers.",
          responses: { "200": json({ type: "object", properties: { status: { const: "ok" } } }, "Alive.") },
        },
      },
      "/api/v1/ready": {
        get: {
          summary: "Readiness: every query started so far is running and none has failed.",
          responses: {
            "200": json(ref("Readiness"), "Every query is running."),
            "503": json({ allOf: [ref("Error"), ref("Readiness")] }, "Not ready; the message names the query that is failing or not running yet."),
          },
        },
      },
      "/api/v1/version": {
        get: {
          summary: "The sluice version, the Spark version whose semantics it follows, and the runtime.",
          responses: { "200": json(ref("Version"), "Versions.") },
        },
      },
      "/api/v1/queries": {
        get: {
          summary: "Active and recently terminated queries.",
          responses: {
            "200": json({ type: "object", properties: { queries: { type: "array", items: ref("QuerySummary") } } }, "The queries, in start order."),
          },
        },
      },
      "/api/v1/queries/{id}": {
        get: {
          summary: "One query: status, exception if any, totals and the latest progress.",
          parameters: [idParam],
          responses: { "200": json(ref("QueryDetail"), "The query."), "404": error("No query has this id.") },
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
            "404": error("No query has this id."),
          },
        },
      },
      "/api/v1/queries/{id}/stop": {
        post: {
          summary: "Stops the query gracefully (the running batch finishes). Idempotent.",
          security: [{ bearer: [] }],
          parameters: [idParam],
          requestBody: {
            required: false,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    waitMs: {
                      type: "integer", minimum: 0, maximum: 600000, default: 10000,
                      description: "How long to wait for the query to end before answering 202.",
                    },
                  },
                },
              },
            },
          },
          responses: {
            "200": json(ref("QueryDetail"), "The query has ended (now or before)."),
            "202": json(ref("QueryDetail"), "Stop requested; the query has not ended within waitMs."),
            "400": error("The body is not a JSON object with only waitMs."),
            "401": error("SLUICE_ADMIN_TOKEN is set and the bearer token is missing or wrong."),
            "404": error("No query has this id."),
          },
        },
      },
      "/api/v1/plugins": {
        get: {
          summary: "The sources and sinks the pipeline can use.",
          responses: {
            "200": json({ type: "object", properties: { plugins: { type: "array", items: ref("PluginSummary") } } }, "Sources first, then sinks, by name."),
          },
        },
      },
      "/api/v1/plugins/{name}": {
        get: {
          summary: "The plugins with this format name (a source and a sink may share one), with their option schemas.",
          parameters: [{ name: "name", in: "path", required: true, description: "Format name, case-insensitive.", schema: { type: "string" } }],
          responses: {
            "200": json({ type: "object", properties: { plugins: { type: "array", items: ref("PluginDetail") } } }, "The plugins."),
            "404": error("No plugin has this name."),
          },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics per query: rates, batch duration, state rows, watermark lag, late rows dropped.",
          responses: { "200": { description: "Prometheus text format 0.0.4.", content: { "text/plain": { schema: { type: "string" } } } } },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          summary: "This document.",
          responses: { "200": json({ type: "object" }, "OpenAPI 3.1.") },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The value of SLUICE_ADMIN_TOKEN." } },
      schemas: {
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
              },
            },
          },
        },
        QueryDetail: {
          allOf: [
            ref("QuerySummary"),
            {
              type: "object",
              properties: {
                queryStatus: {
                  type: ["object", "null"],
                  description: "Spark's StreamingQueryStatus.",
                  properties: { message: { type: "string" }, isDataAvailable: { type: "boolean" }, isTriggerActive: { type: "boolean" } },
                },
                exception: {
                  type: ["object", "null"],
                  properties: {
                    code: { type: "string" }, message: { type: "string" }, hint: { type: ["string", "null"] }, sqlState: { type: ["string", "null"] },
                  },
                },
                totals: {
                  type: "object",
                  properties: {
                    batches: { type: "integer" }, inputRows: { type: "integer" }, outputRows: { type: "integer" },
                    rowsDroppedByWatermark: { type: "integer" },
                  },
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
