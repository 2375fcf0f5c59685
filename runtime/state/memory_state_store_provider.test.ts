import { expect, test } from "bun:test";
import { commitVersions, expectedAt, stateStoreConformance } from "./conformance.ts";
import { MemoryStateStoreProvider } from "./memory_state_store_provider.ts";
import { StateStoreProvider } from "./state_store.ts";

stateStoreConformance("in memory", (options) => new MemoryStateStoreProvider(options));
stateStoreConformance("in memory, opened without a directory", (options) => StateStoreProvider.open(undefined, options));

test("keeps the last `retainInMemory` versions before the latest, and says which when asked for another", () => {
  const p = new MemoryStateStoreProvider({ retainInMemory: 2, retain: 100 });
  commitVersions(p, 6);
  for (const v of [4, 5, 6]) expect([...p.load(v).iterator()].length).toBe(expectedAt(v).length);
  expect(() => p.load(3)).toThrow("Version 3 of MemoryStateStoreProvider is not available: it keeps versions 4 to 6 in memory.");
});

test("by default keeps one version before the latest", () => {
  const p = new MemoryStateStoreProvider();
  commitVersions(p, 3);
  expect(p.load(2).size).toBe(expectedAt(2).length);
  expect(() => p.load(1)).toThrow("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
  expect(p.load(0).size).toBe(0);
});
