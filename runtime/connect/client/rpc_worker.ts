// The gRPC worker: a thread of its own that owns the Spark Connect connection, so that the main
// thread can wait for an answer synchronously (DataFrame.collect(), count(), show() and schema are
// synchronous in Sluice's API, as in PySpark) by blocking on a shared flag while this thread's
// event loop does the network work.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { ExecutePlanRequestSchema, ExecutePlanResponseSchema } from "../gen/spark/connect/base_pb.ts";
import type { ConnectionString } from "../connection_string.ts";
import { UNARY_METHODS, type WireError, type WorkerReply, type WorkerRequest } from "./rpc_messages.ts";
import { SparkConnectRpc } from "./rpc.ts";

interface Init {
  conn: ConnectionString;
  syncPort: MessagePort;
  asyncPort: MessagePort;
  flag: SharedArrayBuffer;
}

const { conn, syncPort, asyncPort, flag } = workerData as Init;
const signal = new Int32Array(flag);
const rpc = new SparkConnectRpc(conn);

function wireError(e: unknown): WireError {
  if (e instanceof ConnectError) {
    const details = e.details.flatMap((d) => ("type" in d && typeof d.type === "string" && d.value instanceof Uint8Array ? [{ type: d.type, value: d.value }] : []));
    return { code: e.code, rawMessage: e.rawMessage, details };
  }
  // Code.Unknown (2): a failure on this side of the wire (e.g. an unreadable response).
  return { code: 2, rawMessage: e instanceof Error ? e.message : String(e), details: [] };
}

function reply(req: WorkerRequest, msg: WorkerReply): void {
  if (req.mode === "sync") {
    syncPort.postMessage(msg);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  } else {
    asyncPort.postMessage(msg);
  }
}

async function handle(req: WorkerRequest): Promise<void> {
  try {
    if (req.kind === "unary") {
      const [reqSchema, resSchema] = UNARY_METHODS[req.method];
      const request = fromBinary(reqSchema, req.bytes);
      // deno-lint-ignore no-explicit-any
      const response = await rpc.unary((c) => (c[req.method] as (r: any) => Promise<any>)(request));
      reply(req, { id: req.id, ok: true, data: toBinary(resSchema, response) });
      return;
    }
    const request = fromBinary(ExecutePlanRequestSchema, req.bytes);
    const all: Uint8Array[] = [];
    for await (const r of rpc.execute(request)) {
      const bytes = toBinary(ExecutePlanResponseSchema, r);
      if (req.mode === "stream") reply(req, { id: req.id, item: bytes });
      else all.push(bytes);
    }
    reply(req, { id: req.id, ok: true, data: all });
  } catch (e) {
    reply(req, { id: req.id, ok: false, error: wireError(e) });
  }
}

parentPort!.on("message", (req: WorkerRequest) => {
  void handle(req);
});
// Loaded: a synchronous caller stops watching for a worker that never started.
Atomics.store(signal, 1, 1);
