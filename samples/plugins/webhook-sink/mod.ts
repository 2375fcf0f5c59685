// A custom sink you can copy: POSTs each micro-batch to a webhook as one JSON (or MessagePack)
// document {queryId, batchId, mode, rows: [{column: value, …}]}.
//
// Idempotent per batch id, as the contract requires, in two ways:
//  - every request carries `Idempotency-Key: <queryId>-<batchId>`; the query id survives restarts
//    (it is in the checkpoint), so a receiver that remembers keys can drop a repeat;
//  - the last batch id delivered is kept in ctx.metadataDir (the checkpoint's sink directory), so a
//    batch the engine replays after a restart is not sent again at all. The key covers the one
//    window this cannot: a crash after the receiver answered and before the id was written.
//
// `encoding: "msgpack"` uses the npm package msgpackr, imported only when asked for: it shows a
// plugin using an npm package. Inside the sluice repository it comes from the repository's
// node_modules; a copy elsewhere gets its own (`npm install msgpackr` in its folder; see
// docs/plugins.md).
//
//   sluice run pipeline.ts --plugin samples/plugins/webhook-sink
//   df.writeStream.format("webhook").option("url", "https://hooks.example.com/in")
//     .option("checkpointLocation", "/var/lib/app/cp").start()
import { Buffer } from "node:buffer";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineSink, type DataType, SluiceError, type SinkContext, type StructType } from "sluice/plugin-sdk";

export interface WebhookOptions {
  url: string;
  encoding: "json" | "msgpack";
  maxAttempts: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  [header: `header.${string}`]: string;
}

/** The state file in the sink's metadata directory. */
const DELIVERED_FILE = "webhook-delivered.json";

export default defineSink<WebhookOptions>({
  name: "webhook",
  summary: "POSTs each micro-batch as one JSON document to a URL, with an Idempotency-Key header (each batch id delivered once).",
  outputModes: ["append", "update", "complete"],
  options: {
    type: "object",
    additionalProperties: false,
    required: ["url"],
    properties: {
      url: { type: "string", pattern: "^https?://", description: "Where to POST each batch." },
      encoding: {
        enum: ["json", "msgpack"],
        default: "json",
        description: "The body's encoding: application/json, or application/msgpack (needs the npm package msgpackr).",
      },
      maxAttempts: {
        type: "integer",
        minimum: 1,
        default: 3,
        description: "Attempts per batch. Network errors and answers 408, 429 and 5xx are retried; other answers fail the query.",
      },
      retryBackoffMs: { type: "integer", minimum: 0, default: 500, description: "The wait before the first retry; it doubles each time." },
      requestTimeoutMs: { type: "integer", exclusiveMinimum: 0, default: 10000, description: "How long one request may take." },
    },
    patternProperties: {
      "^header\\.": { type: "string", description: "An HTTP header for every request: header.Authorization=\"Bearer …\"." },
    },
  },
  examples: [
    { title: "POST every batch to a local receiver", options: { url: "http://localhost:8080/hook" } },
    {
      title: "With a token, MessagePack bodies, five attempts",
      options: { url: "https://hooks.example.com/in", "header.Authorization": "Bearer TOKEN", encoding: "msgpack", maxAttempts: 5 },
    },
  ],
  create(options, ctx) {
    const state = ctx.metadataDir === undefined ? undefined : join(ctx.metadataDir, DELIVERED_FILE);
    let lastDelivered = state !== undefined && existsSync(state) ? (JSON.parse(readFileSync(state, "utf8")) as { batchId: number }).batchId : -1;
    let requests = 0;
    const headers: Record<string, string> = {
      "content-type": options.encoding === "json" ? "application/json" : "application/msgpack",
    };
    for (const [key, value] of Object.entries(options)) if (/^header\./i.test(key)) headers[key.slice(7)] = String(value);
    return {
      description: `Webhook[${options.url}]`,
      async addBatch(batchId, rows, mode) {
        // Already delivered (a batch the engine re-runs after a restart): do not send it again.
        if (batchId <= lastDelivered) return;
        const document = {
          queryId: ctx.queryId,
          batchId,
          mode,
          rows: rows.map((row) => toJsonRow(row, ctx.schema)),
        };
        const body = options.encoding === "json" ? JSON.stringify(document) : await packed(document);
        requests += await post(options, ctx, { ...headers, "idempotency-key": `${ctx.queryId}-${batchId}` }, body);
        lastDelivered = batchId;
        if (state !== undefined) {
          // Written whole, then renamed, so the file always holds a complete id.
          mkdirSync(ctx.metadataDir!, { recursive: true });
          writeFileSync(`${state}.tmp`, JSON.stringify({ batchId }));
          renameSync(`${state}.tmp`, state);
        }
      },
      metrics: () => ({ lastDeliveredBatchId: String(lastDelivered), requests: String(requests) }),
    };
  },
});

/** Sends one batch, retrying what may succeed later. Returns the number of requests made. */
async function post(o: WebhookOptions, ctx: SinkContext, headers: Record<string, string>, body: string | Uint8Array): Promise<number> {
  let waitMs = o.retryBackoffMs;
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      const response = await fetch(o.url, { method: "POST", headers, body, signal: AbortSignal.timeout(o.requestTimeoutMs) });
      await response.arrayBuffer(); // let the connection be reused
      if (response.ok) return attempt;
      problem = `answered ${response.status} ${response.statusText}`;
      if (!(response.status === 408 || response.status === 429 || response.status >= 500)) {
        throw new SluiceError("WEBHOOK_REFUSED", `POST ${o.url} ${problem}.`, {
          kind: "external",
          hint: "The receiver refused the batch; retrying would not help. Check the URL and the headers.",
        });
      }
    } catch (e) {
      if (e instanceof SluiceError) throw e;
      problem = `failed: ${(e as Error).message}`;
    }
    if (attempt >= o.maxAttempts) {
      throw new SluiceError("WEBHOOK_FAILED", `POST ${o.url} ${problem} (attempt ${attempt} of ${o.maxAttempts}).`, { kind: "external" });
    }
    ctx.log.warn(`webhook: POST ${o.url} ${problem}; retrying in ${waitMs} ms (attempt ${attempt} of ${o.maxAttempts})`);
    await ctx.clock.sleep(waitMs);
    waitMs *= 2;
  }
}

async function packed(document: unknown): Promise<Uint8Array> {
  let msgpackr: { pack(value: unknown): Uint8Array };
  try {
    msgpackr = await import("msgpackr");
  } catch (cause) {
    throw new SluiceError("WEBHOOK_MSGPACK_MISSING", "encoding \"msgpack\" needs the npm package msgpackr, which is not installed.", {
      cause,
      hint: "Run `npm install` (or `bun install`) in the plugin's folder: its package.json lists msgpackr.",
    });
  }
  return msgpackr.pack(document);
}

/** A row (engine representation, see the contract) as a JSON object keyed by column name. */
function toJsonRow(row: unknown[], schema: StructType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  schema.fields.forEach((f, i) => (out[f.name] = toJson(row[i], f.dataType)));
  return out;
}

/** One value as JSON: timestamps as ISO-8601 text, dates as yyyy-mm-dd, decimals as exact text, binary as base64. */
function toJson(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "timestamp":
      return isoTimestamp(value as number, "Z");
    case "timestamp_ntz":
      return isoTimestamp(value as number, "");
    case "date":
      return new Date((value as number) * 86_400_000).toISOString().slice(0, 10);
    case "decimal":
      return decimalText(value as bigint, type.scale);
    case "binary":
      return Buffer.from(value as Uint8Array).toString("base64");
    case "float":
    case "double":
      return Number.isFinite(value) ? value : String(value); // NaN and Infinity are not JSON numbers
    case "array":
      return (value as unknown[]).map((v) => toJson(v, type.elementType));
    case "map":
      return Object.fromEntries([...(value as Map<unknown, unknown>)].map(([k, v]) => [String(toJson(k, type.keyType)), toJson(v, type.valueType)]));
    case "struct":
      return toJsonRow(value as unknown[], type);
    case "calendar_interval":
      return { ...(value as object) };
    default:
      return value;
  }
}

/** Microseconds since the epoch as 2024-05-01T12:00:00.123456Z (micros kept). */
function isoTimestamp(micros: number, zone: string): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const fraction = String(micros - Math.floor(micros / 1_000_000) * 1_000_000).padStart(6, "0").replace(/0+$/, "");
  return `${iso}${fraction === "" ? "" : `.${fraction}`}${zone}`;
}

function decimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
