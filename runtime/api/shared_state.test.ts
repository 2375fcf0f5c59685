import { describe, expect, test } from "bun:test";
import { DryRun } from "./dry_run.ts";
import { SharedState } from "./shared_state.ts";

describe("SharedState", () => {
  test("holds the launch settings; later conf entries of a key win", () => {
    const dryRun = new DryRun();
    const s = new SharedState({ conf: [["a", "1"], ["a", "2"]], dryRun });
    expect([...s.conf]).toEqual([["a", "2"]]);
    expect(s.plugins).toEqual([]);
    expect(s.dryRun).toBe(dryRun);
    expect(new SharedState().dryRun).toBeUndefined();
  });

  test("active() is created on first use; launch() and activate() replace it and say what they replaced", () => {
    const original = SharedState.activate(undefined);
    try {
      const first = SharedState.active();
      expect(SharedState.active()).toBe(first);
      const launched = SharedState.launch({ conf: [["k", "v"]] });
      expect(SharedState.active()).toBe(launched);
      expect(SharedState.activate(first)).toBe(launched);
      expect(SharedState.active()).toBe(first);
    } finally {
      SharedState.activate(original);
    }
  });
});
