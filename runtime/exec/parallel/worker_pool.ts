// The main thread's executor worker threads (exec_worker.ts) for one query: prepares the query's
// fragment on each, sends it input splits one at a time per worker, and counts how busy each is.
// Idle workers do not keep the process alive; a worker with work in flight does.
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
  private readonly pending = new Map<number, { resolve: (r: ExecReply) => void; reject: (e: unknown) => void }>();
  private next = 1;
  busyMs = 0;

  constructor(entry: WorkerEntry, private readonly log: Logger) {
    this.worker = new Worker(entry);
    this.worker.unref();
    this.worker.on("message", (reply: ExecReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      for (const l of reply.logs) this.log[l.level](l.message);
      p.resolve(reply);
    });
    this.worker.on("error", (e) => this.failAll(e));
    this.worker.on("exit", (code) => this.failAll(new Error(`an executor worker thread exited (code ${code})`)));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  send(body: Body<ExecRequest>): Promise<ExecReply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
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

export class WorkerPool {
  private readonly workers: ExecWorker[];
  private readonly created = performance.now();
  private waiters: (() => void)[] = [];

  constructor(size: number, entry: WorkerEntry, log: Logger) {
    this.workers = Array.from({ length: size }, () => new ExecWorker(entry, log));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends `body` to every worker; rejects with the first failure. */
  async broadcast(body: Body<ExecRequest>): Promise<void> {
    const replies = await Promise.all(this.workers.map((w) => w.send(body)));
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) throw errorFromWorker(failed.error);
  }

  /** Runs `body` on the first worker with nothing in flight (waiting for one to free up). */
  async run(body: Body<ExecRequest>): Promise<ExecReply> {
    let w = this.workers.find((x) => x.inFlight === 0);
    while (w === undefined) {
      await new Promise<void>((r) => this.waiters.push(r));
      w = this.workers.find((x) => x.inFlight === 0);
    }
    try {
      const reply = await w.send(body);
      if (reply.ok && reply.busyMs !== undefined) w.busyMs += reply.busyMs;
      return reply;
    } finally {
      const waiters = this.waiters;
      this.waiters = [];
      for (const r of waiters) r();
    }
  }

  /** Each worker's share of the time since the pool started that it spent running splits (0..1). */
  utilisation(): number[] {
    const elapsed = Math.max(1, performance.now() - this.created);
    return this.workers.map((w) => Math.min(1, w.busyMs / elapsed));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
