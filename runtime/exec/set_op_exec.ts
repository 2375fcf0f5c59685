// INTERSECT / EXCEPT, with or without ALL: rows compared whole, nulls equal to nulls (as Spark's
// set operations do). Distinct variants keep each surviving row once, in left-side order; ALL
// variants keep min(l, r) or (l - r) copies of each row.
import type { Row } from "../plugin/contract.ts";
import { keyString } from "../state/key_string.ts";

const key = (r: Row) => keyString((r as unknown[]).map((v) => (v === 0 ? 0 : v)));

export function setOpRunner(op: "intersect" | "except", all: boolean): (left: readonly Row[], right: readonly Row[]) => Row[] {
  return (left, right) => {
    const counts = new Map<string, number>();
    for (const r of right) {
      const k = key(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const out: Row[] = [];
    const emitted = new Set<string>();
    for (const l of left) {
      const k = key(l);
      const n = counts.get(k) ?? 0;
      if (all) {
        if (op === "intersect" && n > 0) {
          out.push(l);
          counts.set(k, n - 1);
        } else if (op === "except") {
          if (n > 0) counts.set(k, n - 1);
          else out.push(l);
        }
        continue;
      }
      if (emitted.has(k)) continue;
      if ((op === "intersect") === n > 0) {
        out.push(l);
        emitted.add(k);
      }
    }
    return out;
  };
}
