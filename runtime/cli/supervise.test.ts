import { describe, expect, test } from "bun:test";
import { trackQuery, type TrackedQuery } from "../api/query_tracker.ts";
import { userError } from "../errors.ts";
import type { Signal } from "../platform/mod.ts";
import { supervise, type SuperviseIo } from "./supervise.ts";

interface FakeQuery extends TrackedQuery {
  stopped: boolean;
  finish(error?: Error): void;
}

let nextId = 0;
function startQuery(name: string | null = null): FakeQuery {
  let active = true;
  let error: Error | null = null;
  const { promise, resolve } = Promise.withResolvers<void>();
  const q: FakeQuery = {
    id: `q${++nextId}`,
    name,
    get isActive() { return active; },
    exception: () => error,
    ended: promise,
    stopped: false,
    async stop() {
      q.stopped = true;
      q.finish();
    },
    finish(e?: Error) {
      if (!active) return;
      active = false;
      error = e ?? null;
      resolve();
    },
  };
  trackQuery(q);
  return q;
}

class ExitCalled extends Error {
  constructor(readonly code: number) { super(`exit ${code}`); }
}

function fakeIo() {
  const handlers = new Map<Signal, Set<() => void>>();
  const io: SuperviseIo & { stderr: string; send(s: Signal): void; listening(): number } = {
    stderr: "",
    onSignal(signal, handler) {
      const set = handlers.get(signal) ?? new Set();
      handlers.set(signal, set.add(handler));
      return () => { set.delete(handler); };
    },
    exit(code): never { throw new ExitCalled(code); },
    writeStderr(text) { io.stderr += text; },
    send(signal) { for (const h of handlers.get(signal) ?? []) h(); },
    listening: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
  return io;
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("supervise", () => {
  test("exit 0 once every query ended normally", async () => {
    const io = fakeIo();
    const code = await supervise(async () => {
      const a = startQuery("a");
      const b = startQuery("b");
      setTimeout(() => a.finish(), 5);
      setTimeout(() => b.finish(), 10);
    }, io);
    expect(code).toBe(0);
    expect(io.stderr).toBe("");
    expect(io.listening()).toBe(0);
  });

  test("a pipeline that starts no query ends at once with 0", async () => {
    expect(await supervise(async () => {}, fakeIo())).toBe(0);
  });

  test("a failed query stops the others and is reported with its code and hint", async () => {
    const io = fakeIo();
    let failing: FakeQuery | undefined;
    let other: FakeQuery | undefined;
    const code = await supervise(async () => {
      failing = startQuery("totals");
      other = startQuery(null);
      setTimeout(() => failing!.finish(userError("DIVIDE_BY_ZERO", "Division by zero.", { hint: "Use try_divide." })), 5);
    }, io);
    expect(code).toBe(1);
    expect(other!.stopped).toBe(true);
    expect(io.stderr).toBe(
      `error [DIVIDE_BY_ZERO]: Division by zero.\nhint: Use try_divide.\n  in query 'totals' (id ${failing!.id})\n`,
    );
  });

  test("a pipeline that throws stops what it started and exits 1", async () => {
    const io = fakeIo();
    let q: FakeQuery | undefined;
    const code = await supervise(async () => {
      q = startQuery("a");
      throw new TypeError("bad pipeline");
    }, io);
    expect(code).toBe(1);
    expect(q!.stopped).toBe(true);
    expect(io.stderr).toStartWith("error: bad pipeline\n");
  });

  test("a query failure rethrown by the pipeline's awaitTermination is reported once", async () => {
    const io = fakeIo();
    const failure = userError("CAST_INVALID_INPUT", "The value 'x' cannot be cast.");
    const code = await supervise(async () => {
      const q = startQuery("casts");
      setTimeout(() => q.finish(failure), 5);
      await q.ended;
      throw q.exception();
    }, io);
    expect(code).toBe(1);
    expect(io.stderr.match(/CAST_INVALID_INPUT/g)).toHaveLength(1);
    expect(io.stderr).toContain("in query 'casts'");
  });

  test("SIGINT stops every query and exits 0, even while the pipeline is still loading", async () => {
    const io = fakeIo();
    const queries: FakeQuery[] = [];
    const running = supervise(async () => {
      queries.push(startQuery("a"), startQuery("b"));
      await new Promise(() => {}); // e.g. awaiting something that never settles
    }, io);
    await tick();
    io.send("SIGINT");
    expect(await running).toBe(0);
    expect(queries.every((q) => q.stopped)).toBe(true);
    expect(io.stderr).toContain("SIGINT: stopping 2 running queries");
    expect(io.listening()).toBe(0);
  });

  test("a second signal while stopping exits at once: 130 for SIGINT, 143 for SIGTERM", async () => {
    for (const [signal, expected] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      const io = fakeIo();
      let q: FakeQuery | undefined;
      const running = supervise(async () => {
        q = startQuery("slow");
        q.stop = async () => { q!.stopped = true; }; // never finishes stopping
      }, io);
      await tick();
      io.send(signal);
      expect(() => io.send(signal)).toThrow(new ExitCalled(expected));
      q!.finish();
      expect(await running).toBe(0);
    }
  });

  test("queries from an earlier run in the same process do not count", async () => {
    const old = startQuery("old");
    old.finish(new Error("failed long ago"));
    const io = fakeIo();
    expect(await supervise(async () => { startQuery("new").finish(); }, io)).toBe(0);
    expect(io.stderr).toBe("");
  });
});
