import { describe, expect, test } from "bun:test";
import { QueryTracker, type TrackedQuery } from "../api/query_tracker.ts";
import { userError } from "../errors.ts";
import type { Signal } from "../platform/mod.ts";
import { callPlugin } from "../plugin/plugin_call.ts";
import { supervise, type SuperviseIo } from "./supervise.ts";

interface FakeQuery extends TrackedQuery {
  stopped: boolean;
  finish(error?: Error): void;
}

let nextId = 0;
// The application's queries, as `sluice run` hands them to supervise; the test runs share it, as
// several runs in one process could.
const tracker = new QueryTracker();
/** A tracked stand-in; `id` given: a new run of that query (a restart). */
function startQuery(name: string | null = null, id?: string): FakeQuery {
  let active = true;
  let error: Error | null = null;
  const { promise, resolve } = Promise.withResolvers<void>();
  const q: FakeQuery = {
    id: id ?? `q${++nextId}`,
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
  tracker.track(q);
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
    }, io, tracker);
    expect(code).toBe(0);
    expect(io.stderr).toBe("");
    expect(io.listening()).toBe(0);
  });

  test("a pipeline that starts no query ends at once with 0", async () => {
    expect(await supervise(async () => {}, fakeIo(), tracker)).toBe(0);
  });

  test("a failed query stops the others and is reported with its code and hint", async () => {
    const io = fakeIo();
    let failing: FakeQuery | undefined;
    let other: FakeQuery | undefined;
    const code = await supervise(async () => {
      failing = startQuery("totals");
      other = startQuery(null);
      setTimeout(() => failing!.finish(userError("DIVIDE_BY_ZERO", "Division by zero.", { hint: "Use try_divide." })), 5);
    }, io, tracker);
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
    }, io, tracker);
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
    }, io, tracker);
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
    }, io, tracker);
    await tick();
    io.send("SIGINT");
    expect(await running).toBe(0);
    expect(queries.every((q) => q.stopped)).toBe(true);
    expect(io.stderr).toContain("SIGINT: stopping 2 running queries");
    expect(io.listening()).toBe(0);
  });

  test("a signal before the pipeline started its query stops that query as soon as it starts", async () => {
    const io = fakeIo();
    const { promise: signalled, resolve: markSignalled } = Promise.withResolvers<void>();
    let late: FakeQuery | undefined;
    const running = supervise(async () => {
      await signalled; // still loading (imports, a slow setup) when Ctrl-C comes
      late = startQuery("late");
      await late.ended;
    }, io, tracker);
    await tick();
    io.send("SIGINT");
    expect(io.stderr).toContain("SIGINT: stopping 0 running queries");
    markSignalled();
    expect(await running).toBe(0);
    expect(late!.stopped).toBe(true);
  });

  test("a second signal while stopping exits at once: 130 for SIGINT, 143 for SIGTERM", async () => {
    for (const [signal, expected] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      const io = fakeIo();
      let q: FakeQuery | undefined;
      const running = supervise(async () => {
        q = startQuery("slow");
        q.stop = async () => { q!.stopped = true; }; // never finishes stopping
      }, io, tracker);
      await tick();
      io.send(signal);
      expect(() => io.send(signal)).toThrow(new ExitCalled(expected));
      q!.finish();
      expect(await running).toBe(0);
    }
  });

  test("queries that do not stop within the grace period after SIGTERM: exit 1 naming the plugin call they are stuck in", async () => {
    const io = fakeIo();
    const ref = { kind: "source" as const, name: "hang", origin: "/p/hang.ts" };
    let q: FakeQuery | undefined;
    // The real exit ends the process; this one only records the code.
    const exited = new Promise<number>((resolve) => {
      io.exit = ((code: number) => { resolve(code); }) as SuperviseIo["exit"];
    });
    const running = supervise(async () => {
      q = startQuery("stuck");
      q.stop = async () => { q!.stopped = true; }; // the batch never ends
      void Promise.resolve(callPlugin(ref, "getBatch", 60_000, () => new Promise<never>(() => {}))).catch(() => {});
    }, io, tracker, { gracePeriodMs: 30 });
    await tick();
    io.send("SIGTERM");
    expect(await exited).toBe(1);
    expect(io.stderr).toContain(`error [QUERY_STOP_TIMEOUT]: 1 query ('stuck' (id ${q!.id})) did not stop within 30 ms of SIGTERM (sluice.shutdown.gracePeriodMs)`);
    expect(io.stderr).toContain("The source 'hang' (/p/hang.ts) has not returned from getBatch() for 0 s");
    q!.finish();
    expect(await running).toBe(0);
  });

  test("queries that stop within the grace period exit 0 and leave no timer behind", async () => {
    const io = fakeIo();
    let q: FakeQuery | undefined;
    const running = supervise(async () => {
      q = startQuery("quick");
    }, io, tracker, { gracePeriodMs: 20 });
    await tick();
    io.send("SIGTERM");
    expect(await running).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(io.stderr).not.toContain("QUERY_STOP_TIMEOUT");
  });

  test("queries from an earlier run in the same process do not count", async () => {
    const old = startQuery("old");
    old.finish(new Error("failed long ago"));
    const io = fakeIo();
    expect(await supervise(async () => { startQuery("new").finish(); }, io, tracker)).toBe(0);
    expect(io.stderr).toBe("");
  });

  test("--keep-running: a failure stops nothing and is announced; the process waits for a signal; a restart mends it", async () => {
    const io = fakeIo();
    let failing: FakeQuery | undefined;
    let other: FakeQuery | undefined;
    let done = false;
    const running = supervise(async () => {
      failing = startQuery("orders");
      other = startQuery("other");
    }, io, tracker, { keepRunning: true }).then((code) => { done = true; return code; });
    await tick();
    failing!.finish(userError("KAFKA_UNAVAILABLE", "The broker is down.", { hint: "Check the broker." }));
    await tick();
    expect(other!.stopped).toBe(false);
    expect(io.stderr).toBe(
      `error [KAFKA_UNAVAILABLE]: The broker is down.\nhint: Check the broker.\n  in query 'orders' (id ${failing!.id}); restart it over the admin API, or Ctrl-C to end\n`,
    );
    other!.finish();
    await tick();
    expect(done).toBe(false); // every query has ended, and the process still serves
    const again = startQuery("orders", failing!.id); // the admin API's restart
    await tick();
    io.send("SIGTERM");
    expect(await running).toBe(0);
    expect(again.stopped).toBe(true);
  });

  test("--keep-running: exit 1 at the signal when a query's latest run failed, or the pipeline threw", async () => {
    const io = fakeIo();
    const running = supervise(async () => {
      const q = startQuery("orders");
      setTimeout(() => q.finish(new Error("boom")), 2);
      await q.ended;
      throw q.exception();
    }, io, tracker, { keepRunning: true });
    await new Promise((r) => setTimeout(r, 20));
    io.send("SIGINT");
    expect(await running).toBe(1);
    expect(io.stderr.match(/error: boom/g)).toHaveLength(2); // announced when it failed, reported at the end

    const io2 = fakeIo();
    const threw = supervise(async () => { startQuery("fine"); throw new TypeError("bad pipeline"); }, io2, tracker, { keepRunning: true });
    await tick();
    expect(io2.stderr).toStartWith("error: bad pipeline\n");
    expect(io2.stderr).toEndWith("\n  (the pipeline threw; its queries keep running)\n");
    io2.send("SIGINT");
    expect(await threw).toBe(1);
  });
});
