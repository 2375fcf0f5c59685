// The executor worker threads (exec_worker.ts) on the main thread's side: one request at a time per
// worker, its replies (and the log lines it forwards) matched to the request. Idle workers do not
// keep the process alive; a worker with work in flight does.
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { SluiceError, type ErrorKind } from "../../errors.ts";
import { platform } from "../../platform/mod.ts";
import type { Logger } from "../../plugin/contract.ts";
import type { ExecReply, ExecRequest, WireError } from "./messages.ts";

/** The worker's embedded path in the binary, compiled in by scripts/build.ts (undefined elsewhere). */
declare const SLUICE_EXEC_WORKER: string | undefined;

/** The worker module: beside this one, or in the binary where scripts/build.ts embedded it; undefined if absent. */
/** A worker module's location, as node:worker_threads takes it (Deno's checker types URL apart from Bun's). */
export type WorkerEntry = ConstructorParameters<typeof Worker>[0];

export function execWorkerEntry(): WorkerEntry | undefined {
  if (!platform.isCompiledBinary) return new URL("./exec_worker.ts", import.meta.url);
  const embedded = typeof SLUICE_EXEC_WORKER === "string" ? SLUICE_EXEC_WORKER : undefined;
  return embedded !== undefined && existsSync(embedded) ? embedded : undefined;
}

/** Rebuilds a worker's error on the main thread: a SluiceError keeps its code, message and hint. */
export function errorFromWorker(w: WireError): Error {
  if (w.code !== undefined) {
    const e = new SluiceError(w.code, w.bareMessage ?? w.message, { hint: w.hint, kind: w.kind as ErrorKind | undefined, sqlState: w.sqlState });
    return e;
  }
  const e = new Error(w.message);
  e.name = w.name;
  if (w.stack) e.stack = w.stack;
  return e;
}

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

class ExecWorker {
  readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: ExecReply) => void; reject: (e: unknown) => void; log: Logger }>();
  private next = 1;

  constructor(entry: WorkerEntry) {
    this.worker = new Worker(entry);
    this.worker.unref();
    this.worker.on("message", (reply: ExecReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      for (const l of reply.logs) p.log[l.level](l.message);
      p.resolve(reply);
    });
    this.worker.on("error", (e) => this.failAll(e));
    this.worker.on("exit", (code) => {
      this.exited = true;
      this.failAll(new Error(`an executor worker thread exited (code ${code})`));
    });
  }

  exited = false;

  get inFlight(): number {
    return this.pending.size;
  }

  send(body: Body<ExecRequest>, log: Logger): Promise<ExecReply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, log });
      this.worker.ref();
      this.worker.postMessage({ ...body, id });
    });
  }

  private failAll(e: unknown): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}

/**
 * The process's executor worker threads, shared by every query (as Spark's executors are): started
 * when a query first needs them, grown when one needs more, idle ones not keeping the process
 * alive. A query uses the first `n` of them; it prepares its fragment on each and forgets it there
 * when it stops.
 */
export class WorkerPool {
  private readonly workers: ExecWorker[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly entry: WorkerEntry) {}

  /** The first `n` workers, started as needed (a worker that died is replaced). */
  private first(n: number): ExecWorker[] {
    for (let i = 0; i < this.workers.length; i++) if (this.workers[i]!.exited) this.workers[i] = new ExecWorker(this.entry);
    while (this.workers.length < n) this.workers.push(new ExecWorker(this.entry));
    return this.workers.slice(0, n);
  }

  /** Sends `body` to each of the first `n` workers; rejects with the first failure. */
  async broadcast(n: number, body: Body<ExecRequest>, log: Logger): Promise<void> {
    const replies = await Promise.all(this.first(n).map((w) => w.send(body, log)));
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) throw errorFromWorker(failed.error);
  }

  /** Runs `body` on the first of workers 0..n-1 with nothing in flight (waiting for one to free up). */
  async run(n: number, body: Body<ExecRequest>, log: Logger): Promise<{ reply: ExecReply; worker: number }> {
    const mine = this.first(n);
    let i = mine.findIndex((x) => x.inFlight === 0);
    while (i < 0) {
      await new Promise<void>((r) => this.waiters.push(r));
      i = mine.findIndex((x) => x.inFlight === 0);
    }
    try {
      return { reply: await mine[i]!.send(body, log), worker: i };
    } finally {
      const waiters = this.waiters;
      this.waiters = [];
      for (const r of waiters) r();
    }
  }
}

let shared: WorkerPool | undefined;

/** The process's worker pool, or undefined when there is no worker module (a binary built without it). */
export function sharedWorkerPool(): WorkerPool | undefined {
  if (shared !== undefined) return shared;
  const entry = execWorkerEntry();
  if (entry === undefined) return undefined;
  shared = new WorkerPool(entry);
  return shared;
}
