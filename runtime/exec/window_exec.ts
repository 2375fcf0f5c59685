// Runs a `window` node over a batch: sorts the rows by partition keys then order keys (as Spark's
// WindowExec sees them after its sort), and computes each function per partition. Ranking
// functions look at peers (rows with equal order keys); aggregates run over their frame, kept
// incrementally when the frame starts at the partition's start.
import type { EvalContext } from "../expr/bound.ts";
import { compileProjection, compileExpression } from "../expr/codegen.ts";
import { comparatorFor, type Comparator } from "../expr/compare.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan, RangeValueBound, ResolvedFrame, WindowFunction } from "../plan/plan.ts";
import { arithmeticOverflow } from "../expr/expr_errors.ts";
import { LONG_MAX, LONG_MIN } from "../types/long.ts";

type WindowNode = Extract<Plan, { kind: "window" }>;

const withNulls = (c: Comparator, nullsFirst: boolean, ascending: boolean): Comparator => {
  const dir = ascending ? 1 : -1;
  const n = nullsFirst ? -1 : 1;
  return (a, b) => (a === null ? (b === null ? 0 : n) : b === null ? -n : dir * c(a, b));
};

export function windowRunner(node: WindowNode): (rows: readonly Row[], ctx: EvalContext) => Row[] {
  const partOf = compileProjection(node.partitionBy);
  const orderOf = compileProjection(node.orderBy.map((o) => o.expr));
  const partCmp = node.partitionBy.map((b) => withNulls(comparatorFor(b.type), true, true));
  const orderCmp = node.orderBy.map((o) => withNulls(comparatorFor(o.expr.type), o.nullsFirst, o.ascending));
  const asc = node.orderBy[0]?.ascending ?? true;
  const fns = node.functions.map((f) => functionRunner(f, asc));
  return (rows, ctx) => {
    const keyed = rows.map((row, i) => ({ row, part: partOf(row as unknown[], ctx), ord: orderOf(row as unknown[], ctx), i }));
    keyed.sort((x, y) => {
      for (let k = 0; k < partCmp.length; k++) {
        const d = partCmp[k]!(x.part[k], y.part[k]);
        if (d !== 0) return d;
      }
      for (let k = 0; k < orderCmp.length; k++) {
        const d = orderCmp[k]!(x.ord[k], y.ord[k]);
        if (d !== 0) return d;
      }
      return x.i - y.i;
    });
    const out: Row[] = [];
    let start = 0;
    while (start < keyed.length) {
      let end = start + 1;
      while (end < keyed.length && samePartition(keyed[start]!.part, keyed[end]!.part)) end++;
      const part = keyed.slice(start, end);
      const ords = part.map((k) => k.ord);
      const peerEnd = peerGroups(ords, orderCmp);
      const results = fns.map((f) => f(part.map((k) => k.row), ords, peerEnd, ctx));
      for (let i = 0; i < part.length; i++) out.push([...part[i]!.row, ...results.map((r) => r[i])]);
      start = end;
    }
    return out;
  };

  function samePartition(a: unknown[], b: unknown[]): boolean {
    for (let k = 0; k < partCmp.length; k++) if (partCmp[k]!(a[k], b[k]) !== 0) return false;
    return true;
  }
}

/** For each row, the index just past the last row of its peer group (equal order keys). */
function peerGroups(ords: unknown[][], cmp: Comparator[]): number[] {
  const n = ords.length;
  const out = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && cmp.every((c, k) => c(ords[i]![k], ords[j]![k]) === 0)) j++;
    for (let x = i; x < j; x++) out[x] = j;
    i = j;
  }
  return out;
}

type FnRunner = (rows: readonly Row[], ords: unknown[][], peerEnd: number[], ctx: EvalContext) => unknown[];

function functionRunner(f: WindowFunction, asc: boolean): FnRunner {
  switch (f.kind) {
    case "rank":
      return (rows, _ords, peerEnd) => {
        const n = rows.length;
        const out = new Array<unknown>(n);
        let rank = 1, dense = 0, groupStart = 0;
        for (let i = 0; i < n; i++) {
          if (i === 0 || peerEnd[i - 1] === i) {
            groupStart = i;
            dense++;
            rank = i + 1;
          }
          switch (f.name) {
            case "row_number": out[i] = i + 1; break;
            case "rank": out[i] = rank; break;
            case "dense_rank": out[i] = dense; break;
            case "percent_rank": out[i] = n <= 1 ? 0 : (groupStart) / (n - 1); break;
            case "cume_dist": out[i] = peerEnd[i]! / n; break;
          }
        }
        return out;
      };
    case "ntile":
      return (rows) => {
        const n = rows.length, b = f.buckets;
        const q = Math.floor(n / b), r = n % b;
        return rows.map((_, i) => (i < r * (q + 1) ? Math.floor(i / (q + 1)) + 1 : r + Math.floor((i - r * (q + 1)) / q) + 1));
      };
    case "offset": {
      const value = compileExpression(f.input);
      const dflt = compileExpression(f.default);
      if (f.name === "nth_value") {
        return (rows, ords, peerEnd, ctx) => {
          const vals = rows.map((r) => value(r as unknown[], ctx));
          return rows.map((_, i) => {
            const [lo, hi] = frameBounds(f.frame, i, rows.length, ords, peerEnd, asc);
            let seen = 0;
            for (let j = lo; j <= hi; j++) {
              if (f.ignoreNulls && vals[j] === null) continue;
              if (++seen === f.offset) return vals[j];
            }
            return null;
          });
        };
      }
      const step = f.name === "lag" ? -f.offset : f.offset;
      if (f.ignoreNulls && step !== 0) {
        // IGNORE NULLS: the |step|-th non-null value after (lead) or before (lag) the row.
        const dir = Math.sign(step), count = Math.abs(step);
        return (rows, _ords, _peerEnd, ctx) => {
          const vals = rows.map((r) => value(r as unknown[], ctx));
          return rows.map((r, i) => {
            let seen = 0;
            for (let j = i + dir; j >= 0 && j < rows.length; j += dir) {
              if (vals[j] !== null && ++seen === count) return vals[j];
            }
            return dflt(r as unknown[], ctx);
          });
        };
      }
      return (rows, _ords, _peerEnd, ctx) => {
        const vals = rows.map((r) => value(r as unknown[], ctx));
        return rows.map((r, i) => {
          const j = i + step;
          return j >= 0 && j < rows.length ? vals[j] : dflt(r as unknown[], ctx);
        });
      };
    }
    case "aggregate": {
      const agg = f.aggregate;
      const argsOf = compileProjection(agg.args);
      return (rows, ords, peerEnd, ctx) => {
        const n = rows.length;
        const args = rows.map((r) => argsOf(r as unknown[], ctx));
        const out = new Array<unknown>(n);
        const fr = f.frame;
        if (fr.start === "unboundedPreceding" && fr.end === "unboundedFollowing") {
          const buf = agg.init();
          for (const a of args) agg.update(buf, a);
          const v = agg.evaluate(buf);
          out.fill(v);
          return out;
        }
        if (fr.start === "unboundedPreceding") {
          // A growing frame: fold rows in as its end moves forward.
          const buf = agg.init();
          let upto = 0;
          for (let i = 0; i < n; i++) {
            const [, hi] = frameBounds(fr, i, n, ords, peerEnd, asc);
            while (upto <= hi && upto < n) agg.update(buf, args[upto++]!);
            out[i] = agg.evaluate(buf);
          }
          return out;
        }
        for (let i = 0; i < n; i++) {
          const [lo, hi] = frameBounds(fr, i, n, ords, peerEnd, asc);
          const buf = agg.init();
          for (let j = lo; j <= hi; j++) agg.update(buf, args[j]!);
          out[i] = agg.evaluate(buf);
        }
        return out;
      };
    }
  }
}

/** The frame of row i as inclusive row indexes [lo, hi] (lo > hi when empty). */
function frameBounds(fr: ResolvedFrame, i: number, n: number, ords: unknown[][], peerEnd: number[], asc: boolean): [number, number] {
  if (fr.type === "rows") {
    const pos = (b: ResolvedFrame["start"]) =>
      b === "unboundedPreceding" ? 0 : b === "unboundedFollowing" ? n - 1 : b === "currentRow" ? i : i + (b as number);
    return [Math.max(0, pos(fr.start)), Math.min(n - 1, pos(fr.end))];
  }
  const peerStart = (x: number) => {
    let s = x;
    while (s > 0 && peerEnd[s - 1] === peerEnd[x]) s--;
    return s;
  };
  const lo = fr.start === "unboundedPreceding" ? 0 : fr.start === "currentRow" ? peerStart(i)
    : fr.start === "unboundedFollowing" ? n : rangeIndex(ords, i, fr.start as number | RangeValueBound, true, peerStart, peerEnd, asc);
  const hi = fr.end === "unboundedFollowing" ? n - 1 : fr.end === "currentRow" ? peerEnd[i]! - 1
    : fr.end === "unboundedPreceding" ? -1 : rangeIndex(ords, i, fr.end as number | RangeValueBound, false, peerStart, peerEnd, asc);
  return [lo, hi];
}

/**
 * RANGE offset bound for row i over a single numeric order key (ascending or descending): the
 * first row whose key is at least (start) / the last whose key is at most (end) key(i) + offset.
 * Rows with a null key frame only their null peers.
 */
function rangeIndex(ords: unknown[][], i: number, offset: number | RangeValueBound, isStart: boolean, peerStart: (x: number) => number, peerEnd: number[], asc: boolean): number {
  const n = ords.length;
  const v = ords[i]![0];
  if (v === null) return isStart ? peerStart(i) : peerEnd[i]! - 1;
  let before: (x: unknown) => boolean, after: (x: unknown) => boolean;
  if (typeof offset === "object") {
    // The boundary key comes from the analyzer (key + offset, or key - offset for PRECEDING, with
    // the direction already applied for descending orders).
    const target = offset.boundaryOf(v);
    const cmp = offset.compare;
    before = (x) => x !== null && (asc ? cmp(x, target) < 0 : cmp(x, target) > 0);
    after = (x) => x !== null && (asc ? cmp(x, target) > 0 : cmp(x, target) < 0);
  } else {
    // With a descending order, PRECEDING rows have larger keys.
    const delta = asc ? offset : -offset;
    // Keys may be bigints (longs beyond 2^53, decimals): < and > compare bigints and numbers exactly,
    // so the target is computed exactly whenever a number would round.
    let target: number | bigint = (typeof v === "bigint" ? Number(v) : (v as number)) + delta;
    if (Number.isInteger(delta) && (typeof v === "bigint" || (Number.isInteger(v) && !Number.isSafeInteger(target)))) {
      target = BigInt(v as number | bigint) + BigInt(delta);
      // Spark computes the bound as key + offset in the key's type: beyond a long, ANSI's overflow error.
      if (target > LONG_MAX || target < LONG_MIN) throw arithmeticOverflow("long overflow", "try_add");
    }
    const t = target;
    before = (x: any) => x !== null && (asc ? x < t : x > t);
    after = (x: any) => x !== null && (asc ? x > t : x < t);
  }
  if (isStart) {
    let j = 0;
    while (j < n && (ords[j]![0] === null || before(ords[j]![0]))) j++;
    return j;
  }
  let j = n - 1;
  while (j >= 0 && (ords[j]![0] === null || after(ords[j]![0]))) j--;
  return j;
}
