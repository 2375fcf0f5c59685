// The main thread's end of the gRPC worker (rpc_worker.ts): each call is answered either
// synchronously (the thread blocks on a shared flag until the worker has the answer) or as a
// promise. The worker does not keep the process alive unless an asynchronous call is pending.
import { fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { ExecutePlanRequestSchema, ExecutePlanResponseSchema, type ExecutePlanRequest, type ExecutePlanResponse } from "../gen/spark/connect/base_pb.ts";
import type { ConnectionString } from "../connection_string.ts";
import { platform } from "../../platform/mod.ts";
import { existsSync } from "node:fs";
import { UNARY_METHODS, type Mode, type UnaryMethod, type WireError, type WorkerReply, type WorkerRequest } from "./rpc_messages.ts";

type Req<M extends UnaryMethod> = MessageShape<(typeof UNARY_METHODS)[M][0]>;
type Res<M extends UnaryMethod> = MessageShape<(typeof UNARY_METHODS)[M][1]>;

interface Pending {
  resolve(v: Uint8Array | Uint8Array[]): void;
  reject(e: unknown): void;
  onItem?: (bytes: Uint8Array) => void;
}

/** The worker's embedded path in the binary, compiled in by scripts/build.ts (undefined elsewhere). */
declare const SLUICE_RPC_WORKER: string | undefined;

/** How long a synchronous call waits for a worker that has not started before it gives up. */
const WORKER_START_TIMEOUT_MS = 60_000;

/** The worker's module: beside this one, or in the binary where scripts/build.ts embedded it. */
function workerEntry(): ConstructorParameters<typeof Worker>[0] {
  if (!platform.isCompiledBinary) return new URL("./rpc_worker.ts", import.meta.url);
  const embedded = typeof SLUICE_RPC_WORKER === "string" ? SLUICE_RPC_WORKER : undefined;
  if (embedded === undefined || !existsSync(embedded)) {
    throw new ConnectError(`this binary lacks the Spark Connect client's gRPC worker (${embedded ?? "not compiled in"}): build it with scripts/build.ts`, Code.Internal);
  }
  return embedded;
}

export function errorFromWire(w: WireError): ConnectError {
  // Incoming details are {type, value} pairs; ConnectError's constructor types only outgoing ones.
  const details = w.details.map((d) => ({ type: d.type, value: d.value, debug: undefined })) as unknown as ConstructorParameters<typeof ConnectError>[3];
  return new ConnectError(w.rawMessage, w.code as Code, undefined, details);
}

export class RpcChannel {
  private readonly worker: Worker;
  private readonly syncPort: MessagePort;
  private readonly asyncPort: MessagePort;
  private readonly signal: Int32Array;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(conn: ConnectionString) {
    const sync = new MessageChannel();
    const async = new MessageChannel();
    // [0]: an answer to a synchronous call is waiting; [1]: the worker has started.
    const flag = new SharedArrayBuffer(8);
    this.signal = new Int32Array(flag);
    this.syncPort = sync.port1;
    this.asyncPort = async.port1;
    this.worker = new Worker(workerEntry(), {
      workerData: { conn, syncPort: sync.port2, asyncPort: async.port2, flag },
      transferList: [sync.port2, async.port2],
    });
    this.asyncPort.on("message", (msg: WorkerReply) => this.onAsync(msg));
    this.worker.on("error", (e) => this.failAll(e));
    this.updateRef();
  }

  // ---- unary calls ----
  callSync<M extends UnaryMethod>(method: M, request: Req<M>): Res<M> {
    const bytes = toBinary(UNARY_METHODS[method][0] as DescMessage, request);
    const data = this.sendSync({ id: this.nextId++, mode: "sync", kind: "unary", method, bytes });
    return fromBinary(UNARY_METHODS[method][1] as DescMessage, data as Uint8Array) as Res<M>;
  }
  async call<M extends UnaryMethod>(method: M, request: Req<M>): Promise<Res<M>> {
    const bytes = toBinary(UNARY_METHODS[method][0] as DescMessage, request);
    const data = await this.sendAsync({ id: this.nextId++, mode: "async", kind: "unary", method, bytes });
    return fromBinary(UNARY_METHODS[method][1] as DescMessage, data as Uint8Array) as Res<M>;
  }

  // ---- ExecutePlan ----
  /** Every response of one execution, waiting synchronously. */
  executeSync(request: ExecutePlanRequest): ExecutePlanResponse[] {
    const data = this.sendSync({ id: this.nextId++, mode: "sync", kind: "execute", bytes: toBinary(ExecutePlanRequestSchema, request) });
    return (data as Uint8Array[]).map((b) => fromBinary(ExecutePlanResponseSchema, b));
  }
  async execute(request: ExecutePlanRequest): Promise<ExecutePlanResponse[]> {
    const data = await this.sendAsync({ id: this.nextId++, mode: "async", kind: "execute", bytes: toBinary(ExecutePlanRequestSchema, request) });
    return (data as Uint8Array[]).map((b) => fromBinary(ExecutePlanResponseSchema, b));
  }
  /** A long-running execution (the listener bus): `onResponse` gets each response as it arrives. */
  executeStream(request: ExecutePlanRequest, onResponse: (r: ExecutePlanResponse) => void): Promise<void> {
    const id = this.nextId++;
    return this.sendAsync({ id, mode: "stream", kind: "execute", bytes: toBinary(ExecutePlanRequestSchema, request) },
      (b) => onResponse(fromBinary(ExecutePlanResponseSchema, b))).then(() => undefined);
  }

  /** Ends the worker (and its connection). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new ConnectError("the Spark Connect session was closed", Code.Canceled));
    this.syncPort.close();
    this.asyncPort.close();
    await this.worker.terminate();
  }

  private sendSync(req: WorkerRequest): Uint8Array | Uint8Array[] {
    this.assertOpen();
    Atomics.store(this.signal, 0, 0);
    this.worker.postMessage(req);
    const since = Date.now();
    for (;;) {
      Atomics.wait(this.signal, 0, 0, 1000);
      const got = receiveMessageOnPort(this.syncPort);
      if (got === undefined) {
        // A worker that failed to load never answers, and its error event cannot reach a thread
        // blocked here: give up rather than wait forever.
        if (Atomics.load(this.signal, 1) === 0 && Date.now() - since > WORKER_START_TIMEOUT_MS) {
          throw new ConnectError(`the Spark Connect client's gRPC worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`, Code.Internal);
        }
        continue;
      }
      const msg = got.message as WorkerReply;
      if ("item" in msg) continue;
      if (msg.ok) return msg.data;
      throw errorFromWire(msg.error);
    }
  }

  private sendAsync(req: WorkerRequest, onItem?: (bytes: Uint8Array) => void): Promise<Uint8Array | Uint8Array[]> {
    this.assertOpen();
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject, onItem });
      this.updateRef();
      this.worker.postMessage(req);
    });
  }

  private onAsync(msg: WorkerReply): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ("item" in msg) {
      p.onItem?.(msg.item);
      return;
    }
    this.pending.delete(msg.id);
    this.updateRef();
    if (msg.ok) p.resolve(msg.data);
    else p.reject(errorFromWire(msg.error));
  }

  private failAll(e: unknown): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.updateRef();
  }

  /** Only pending asynchronous calls keep the process alive. */
  private updateRef(): void {
    if (this.pending.size > 0 && !this.closed) {
      this.worker.ref();
      this.asyncPort.ref();
    } else {
      this.worker.unref();
      this.asyncPort.unref();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ConnectError("the Spark Connect session was closed", Code.Canceled);
  }
}
