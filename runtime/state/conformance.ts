// The suite every state store provider passes (architecture habit 7): call
// stateStoreConformance(name, makeProvider) from a bun:test file. `makeProvider` returns a fresh,
// empty provider with the given options each time it is called.
import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import type { StateKey, StateStore, StateStoreOptions, StateStoreProvider, StateValue } from "./state_store.ts";

export type MakeProvider = (options: StateStoreOptions) => StateStoreProvider;

/** The store's contents as a sorted list of [key, value] (keys compared by their JSON-ish text). */
export function contents(store: StateStore): [StateKey, StateValue][] {
  return [...store.iterator()].map(([k, v]) => [k, v] as [StateKey, StateValue]).sort((a, b) => cmp(show(a[0]), show(b[0])));
}

function show(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x instanceof Uint8Array ? [...x] : x instanceof Map ? [...x] : x));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return undefined;
}

/**
 * Commits versions 1..n on `p`: version v puts ["k", i] -> [v, i] for i < v and removes ["k", v - 3],
 * so each version has its own contents.
 */
export function commitVersions(p: StateStoreProvider, n: number): void {
  for (let v = 1; v <= n; v++) {
    const s = p.load(v - 1);
    for (let i = 0; i < v; i++) s.put(["k", i], [v, i, `v${v}`]);
    s.remove(["k", v - 3]);
    expect(s.commit()).toBe(v);
  }
}

/** What commitVersions leaves at version v. */
export function expectedAt(v: number): [StateKey, StateValue][] {
  const rows: [StateKey, StateValue][] = [];
  for (let i = 0; i < v; i++) if (i !== v - 3) rows.push([["k", i], [v, i, `v${v}`]]);
  return rows.sort((a, b) => cmp(show(a[0]), show(b[0])));
}

/** Keys of every kind the engine has, all distinct from one another. */
export const DISTINCT_KEYS: StateKey[] = [
  [], [null], [undefined], [0], [-0], [1], ["1"], [1n], [true], [false], ["true"], [NaN], [Infinity], [-Infinity],
  [""], ["a", "b"], ["ab"], ["a", ""], ["", "a"], [["a"], "b"], [["a", "b"]], [1, 2], [[1, 2]], [[1], 2],
  [new Uint8Array([])], [new Uint8Array([1, 2])], [new Uint8Array([1]), new Uint8Array([2])],
  [new Map([["a", 1]])], [new Map([[1, "a"]])], [new Map()], [new CalendarInterval(1, 2, 3)], [new CalendarInterval(1, 2, 4)],
  ["s2:ab"], ["n1;"], [10n ** 30n], [-(10n ** 30n)], [Number.MAX_SAFE_INTEGER], [1.5], [1e300],
];

export function stateStoreConformance(name: string, makeProvider: MakeProvider): void {
  describe(`state store conformance: ${name}`, () => {
    test("version 0 is empty", () => {
      const s = makeProvider({}).load(0);
      expect(s.version).toBe(0);
      expect(s.size).toBe(0);
      expect(s.get(["x"])).toBeUndefined();
      expect([...s.iterator()]).toEqual([]);
    });

    test("a batch reads its own puts and removes; keys compare by value", () => {
      const s = makeProvider({}).load(0);
      s.put(["a", 1], [10]);
      s.put(["b", 2], [20, "x"]);
      expect(s.get(["a", 1])).toEqual([10]);
      expect(s.size).toBe(2);
      s.put(["a", 1], [11]);
      expect(s.get(["a", 1])).toEqual([11]);
      expect(s.size).toBe(2);
      s.remove(["b", 2]);
      s.remove(["never", 0]);
      expect(s.get(["b", 2])).toBeUndefined();
      expect(contents(s)).toEqual([[["a", 1], [11]]]);
    });

    test("commit returns the next version and the next batch starts from it", () => {
      const p = makeProvider({});
      const s0 = p.load(0);
      s0.put(["a"], [1]);
      s0.put(["b"], [2]);
      expect(s0.commit()).toBe(1);
      expect(p.latestVersion()).toBe(1);
      const s1 = p.load(1);
      expect(s1.version).toBe(1);
      expect(contents(s1)).toEqual([[["a"], [1]], [["b"], [2]]]);
      s1.put(["a"], [3]);
      s1.remove(["b"]);
      s1.put(["c"], [4]);
      expect(s1.commit()).toBe(2);
      expect(contents(p.load(2))).toEqual([[["a"], [3]], [["c"], [4]]]);
    });

    test("reads still work after commit; writes do not", () => {
      const p = makeProvider({});
      const s = p.load(0);
      s.put(["a"], [1]);
      s.commit();
      expect(s.get(["a"])).toEqual([1]);
      expect(contents(s)).toEqual([[["a"], [1]]]);
      expect(codeOf(() => s.put(["b"], [2]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(codeOf(() => s.remove(["a"]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(codeOf(() => s.commit())).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      s.abort(); // a no-op after commit
      expect(contents(p.load(1))).toEqual([[["a"], [1]]]);
    });

    test("abort drops the batch's changes", () => {
      const p = makeProvider({});
      commitVersions(p, 3);
      const s = p.load(3);
      s.put(["k", 0], ["changed"]);
      s.put(["new"], [1]);
      s.remove(["k", 1]);
      s.abort();
      expect(codeOf(() => s.put(["x"], [1]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(contents(p.load(3))).toEqual(expectedAt(3));
      expect(p.latestVersion()).toBe(3);
    });

    test("a key changed several times in a batch: commit keeps the last state, abort the first", () => {
      const p = makeProvider({ retainInMemory: 1 });
      const s0 = p.load(0);
      s0.put(["a"], [1]);
      s0.put(["b"], [2]);
      s0.commit();
      const change = (s: StateStore) => {
        s.put(["a"], [10]);
        s.remove(["a"]);
        s.put(["a"], [11]);
        s.put(["c"], [3]);
        s.remove(["c"]);
        s.put(["d"], [4]);
        s.remove(["d"]);
        s.put(["d"], [5]);
        s.remove(["b"]);
        s.put(["b"], [20]);
        s.remove(["b"]);
      };
      const aborted = p.load(1);
      change(aborted);
      aborted.abort();
      expect(contents(p.load(1))).toEqual([[["a"], [1]], [["b"], [2]]]);
      const s1 = p.load(1);
      change(s1);
      expect(s1.metrics()).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 6, numRowsRemoved: 5 });
      expect(s1.commit()).toBe(2);
      expect(contents(p.load(2))).toEqual([[["a"], [11]], [["d"], [5]]]);
      expect(contents(p.load(1))).toEqual([[["a"], [1]], [["b"], [2]]]);
      expect(contents(p.load(2))).toEqual([[["a"], [11]], [["d"], [5]]]);
    });

    test("loading again aborts the open store, which can no longer be used", () => {
      const p = makeProvider({});
      commitVersions(p, 2);
      const s = p.load(2);
      s.put(["k", 0], ["uncommitted"]);
      s.remove(["k", 1]);
      const again = p.load(2);
      expect(contents(again)).toEqual(expectedAt(2));
      expect(codeOf(() => s.get(["k", 0]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(codeOf(() => s.put(["k", 0], [1]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(codeOf(() => s.iterator())).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
    });

    test("every retained version can be loaded, in any order", () => {
      const retain = 4;
      const p = makeProvider({ retain, retainInMemory: retain, snapshotInterval: 3 });
      commitVersions(p, 12);
      p.maintenance();
      for (const v of [12, 8, 11, 9, 10, 12, 8]) {
        const s = p.load(v);
        expect(s.version).toBe(v);
        expect(contents(s)).toEqual(expectedAt(v));
      }
    });

    test("re-running a batch replaces the version after it", () => {
      const p = makeProvider({ retain: 5, retainInMemory: 5 });
      commitVersions(p, 4);
      const s = p.load(3);
      s.put(["rerun"], [1]);
      s.remove(["k", 2]);
      expect(s.commit()).toBe(4);
      const expected = [...expectedAt(3).filter(([k]) => show(k) !== show(["k", 2])), [["rerun"], [1]] as [StateKey, StateValue]];
      expect(contents(p.load(4))).toEqual(expected.sort((a, b) => cmp(show(a[0]), show(b[0]))));
      expect(p.latestVersion()).toBe(4);
      expect(contents(p.load(2))).toEqual(expectedAt(2));
      expect(contents(p.load(4))).toEqual(expected);
    });

    test("a version that was never committed cannot be loaded", () => {
      const p = makeProvider({});
      commitVersions(p, 2);
      expect(codeOf(() => p.load(4))).toStartWith("CANNOT_LOAD_STATE_STORE.");
      expect(contents(p.load(2))).toEqual(expectedAt(2));
      expect(codeOf(() => p.load(-1))).toBe("CANNOT_LOAD_STATE_STORE.UNEXPECTED_VERSION");
      expect(codeOf(() => p.load(1.5))).toBe("CANNOT_LOAD_STATE_STORE.UNEXPECTED_VERSION");
    });

    test("keys of every kind are told apart", () => {
      const p = makeProvider({});
      const s = p.load(0);
      DISTINCT_KEYS.forEach((k, i) => s.put(k, [i]));
      expect(s.size).toBe(DISTINCT_KEYS.length);
      DISTINCT_KEYS.forEach((k, i) => expect(s.get(k)).toEqual([i]));
      // Equal values in new arrays find the same key.
      expect(s.get([NaN])).toEqual([DISTINCT_KEYS.findIndex((k) => Number.isNaN(k[0]))]);
      expect(s.get([new Uint8Array([1, 2])])).toBeDefined();
      expect(s.get([new Map([["a", 1]])])).toBeDefined();
      s.commit();
      const s1 = p.load(1);
      DISTINCT_KEYS.forEach((k, i) => expect(s1.get(k)).toEqual([i]));
    });

    test("get returns a copy the caller may change", () => {
      const p = makeProvider({ retainInMemory: 1 });
      const s0 = p.load(0);
      s0.put(["k"], [[1, 2], 3, new Map([["m", [1]]])]);
      s0.commit();
      const s1 = p.load(1);
      const buf = s1.get(["k"]) as unknown[];
      (buf[0] as number[]).push(99);
      buf[1] = 4;
      ((buf[2] as Map<string, number[]>).get("m")!).push(2);
      expect(s1.get(["k"])).toEqual([[1, 2], 3, new Map([["m", [1]]])]);
      s1.put(["k"], buf);
      (buf[0] as number[]).push(100);
      expect(s1.get(["k"])).toEqual([[1, 2, 99], 4, new Map([["m", [1, 2]]])]);
      s1.commit();
      expect(p.load(1).get(["k"])).toEqual([[1, 2], 3, new Map([["m", [1]]])]);
      expect(p.load(2).get(["k"])).toEqual([[1, 2, 99], 4, new Map([["m", [1, 2]]])]);
    });

    test("put copies the caller's arrays", () => {
      const p = makeProvider({});
      const s = p.load(0);
      const key: unknown[] = ["a", 1];
      const value: unknown[] = [1, 2, [3]];
      s.put(key, value);
      key[1] = 2;
      value[0] = 99;
      (value[2] as number[]).push(4);
      expect(s.get(["a", 1])).toEqual([1, 2, [3]]);
      expect(s.get(["a", 2])).toBeUndefined();
      s.commit();
      expect(p.load(1).get(["a", 1])).toEqual([1, 2, [3]]);
    });

    test("put and remove while iterating", () => {
      const p = makeProvider({});
      const s = p.load(0);
      for (let i = 0; i < 100; i++) s.put([i], [i]);
      for (const [k, v] of s.iterator()) {
        if ((k[0] as number) % 2 === 0) s.remove(k);
        else s.put(k, [(v[0] as number) * 10]);
      }
      expect(s.size).toBe(50);
      expect(s.get([3])).toEqual([30]);
      expect(s.get([4])).toBeUndefined();
      s.commit();
      expect(p.load(1).size).toBe(50);
    });

    test("metrics", () => {
      const p = makeProvider({});
      const s0 = p.load(0);
      expect(s0.metrics()).toEqual({ numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, memoryUsedBytes: 0, commitTimeMs: 0 });
      for (let i = 0; i < 10; i++) s0.put(["key", i], [i, i * 2, "value"]);
      s0.put(["key", 0], [0, 0, "again"]);
      s0.remove(["key", 9]);
      s0.remove(["absent"]);
      const m0 = s0.metrics();
      expect(m0.numRowsTotal).toBe(9);
      expect(m0.numRowsUpdated).toBe(11);
      expect(m0.numRowsRemoved).toBe(1);
      expect(m0.memoryUsedBytes).toBeGreaterThan(9 * 50);
      expect(m0.memoryUsedBytes).toBeLessThan(9 * 2000);
      s0.commit();
      const after = s0.metrics();
      expect(after.commitTimeMs).toBeGreaterThanOrEqual(0);
      expect(after.numRowsTotal).toBe(9);
      const s1 = p.load(1);
      expect(s1.metrics()).toMatchObject({ numRowsTotal: 9, numRowsUpdated: 0, numRowsRemoved: 0, commitTimeMs: 0 });
    });

    test("rejects a key or value that is not an array", () => {
      const s = makeProvider({}).load(0);
      expect(codeOf(() => s.put("a" as unknown as StateKey, [1]))).toBe("INTERNAL_ERROR");
      expect(codeOf(() => s.put(["a"], null as unknown as StateValue))).toBe("INTERNAL_ERROR");
      expect(codeOf(() => s.put([Symbol("x")], [1]))).toBe("INTERNAL_ERROR");
    });

    test("commitAsync commits like commit; a store committing cannot be changed", async () => {
      const p = makeProvider({});
      const s0 = p.load(0);
      s0.put(["a"], [1]);
      const pending = s0.commitAsync();
      expect(codeOf(() => s0.put(["b"], [2]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(await pending).toBe(1);
      expect(p.latestVersion()).toBe(1);
      expect(contents(p.load(1))).toEqual([[["a"], [1]]]);
      await expect(s0.commitAsync()).rejects.toMatchObject({ code: "STATE_STORE_OPERATION_OUT_OF_ORDER" });
    });

    // Keys [name, endUs]; a null end is never ordered.
    const byEnd = { eventTimeOf: (k: StateKey) => k[1] as number | null };

    test("evictUpTo removes the entries at or below a time, oldest first, and only those", () => {
      const p = makeProvider(byEnd);
      const s = p.load(0);
      for (const [name, end] of [["c", 30], ["a", 10], ["b", 20], ["a2", 10], ["n", null], ["d", 40]] as const) s.put([name, end], [name]);
      expect(s.evictUpTo(5)).toEqual([]);
      expect(s.evictUpTo(20).map(([k]) => k)).toEqual([["a", 10], ["a2", 10], ["b", 20]]);
      expect(s.evictUpTo(20)).toEqual([]);
      expect(s.size).toBe(3);
      expect(s.metrics().numRowsRemoved).toBe(3);
      expect([...s.rangeScan(-Infinity, Infinity)].map(([k]) => k)).toEqual([["c", 30], ["d", 40]]);
      s.commit();
      expect(contents(p.load(1)).map(([k]) => k)).toEqual([["c", 30], ["d", 40], ["n", null]]);
    });

    test("the event-time order follows changed values, aborts and reloaded versions", () => {
      const p = makeProvider({ eventTimeOf: (_k: StateKey, v: StateValue) => v[0] as number, retainInMemory: 2, retain: 5 });
      const s0 = p.load(0);
      for (let i = 0; i < 10; i++) s0.put([`k${i}`], [i * 10]);
      s0.commit();
      const s1 = p.load(1);
      s1.put(["k0"], [95]); // moves from 0 to 95
      s1.remove(["k5"]);
      s1.put(["new"], [1]);
      expect([...s1.rangeScan(0, 20)].map(([k]) => k[0])).toEqual(["new", "k1", "k2"]);
      s1.abort();
      expect([...p.load(1).rangeScan(0, 20)].map(([k]) => k[0])).toEqual(["k0", "k1", "k2"]);
      const again = p.load(1);
      again.put(["k0"], [95]);
      again.commit();
      expect([...p.load(2).rangeScan(90, 100)].map(([k]) => k[0])).toEqual(["k9", "k0"]);
      // Back to version 1 (undo log) and forward to 2 (redo log).
      expect([...p.load(1).rangeScan(90, 100)].map(([k]) => k[0])).toEqual(["k9"]);
      expect([...p.load(2).rangeScan(0, 0)]).toEqual([]);
      expect(p.load(2).evictUpTo(100).length).toBe(10);
    });

    test("prefixScan finds the keys that start with a prefix", () => {
      const p = makeProvider({ numColsPrefixKey: 1 });
      const s = p.load(0);
      for (const [a, b] of [["x", 1], ["y", 1], ["x", 2], ["x", 3]] as const) s.put([a, b], [b]);
      s.remove(["x", 2]);
      expect([...s.prefixScan(["x"])].map(([k]) => k)).toEqual([["x", 1], ["x", 3]]);
      expect([...s.prefixScan(["z"])]).toEqual([]);
      s.commit();
      const s1 = p.load(1);
      s1.remove(["x", 1]);
      expect([...s1.prefixScan(["x"])].map(([k]) => k)).toEqual([["x", 3]]);
      s1.abort();
      expect([...p.load(1).prefixScan(["x"])].map(([k]) => k).sort()).toEqual([["x", 1], ["x", 3]]);
      expect(codeOf(() => p.load(1).prefixScan(["x", 1]))).toBe("INTERNAL_ERROR");
    });

    test("scans need the store opened for them", () => {
      const s = makeProvider({}).load(0);
      expect(codeOf(() => s.prefixScan(["x"]))).toBe("INTERNAL_ERROR");
      expect(codeOf(() => s.rangeScan(0, 1))).toBe("INTERNAL_ERROR");
      expect(codeOf(() => s.evictUpTo(1))).toBe("INTERNAL_ERROR");
    });

    test("close drops the state in memory and ends the open store", () => {
      const p = makeProvider({});
      const s = p.load(0);
      s.put(["a"], [1]);
      p.close();
      expect(codeOf(() => s.put(["b"], [1]))).toBe("STATE_STORE_OPERATION_OUT_OF_ORDER");
      expect(p.load(0).size).toBe(0);
    });
  });
}
