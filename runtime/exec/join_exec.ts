// Runs a JOIN over two row lists: a hash join when the condition has equi-join keys (the build
// side is hashed on its keys, the other side probes it), a nested loop otherwise. The residual
// condition is checked on the joined row. Null keys never match under `=`; `<=>` keys match nulls.
import type { EvalContext } from "../expr/bound.ts";
import { compileExpression, compileProjection } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";

type JoinNode = Extract<Plan, { kind: "join" }>;

/** Spark normalizes -0.0 to 0.0 in join keys (NaN equals NaN already in the key strings). */
function normalize(v: unknown): unknown {
  return v === 0 ? 0 : v;
}

export function joinRunner(node: JoinNode): (left: readonly Row[], right: readonly Row[], ctx: EvalContext) => Row[] {
  const lw = node.left.output.length, rw = node.right.output.length;
  const type = node.joinType;
  const residual = node.residual ? compileExpression(node.residual) : undefined;
  // The batch being run, for generated code that reads it (set by each call).
  let batch: EvalContext | undefined;
  const matches = (row: Row) => residual === undefined || residual(row as unknown[], batch) === true;
  const leftNulls: unknown[] = new Array(lw).fill(null);
  const rightNulls: unknown[] = new Array(rw).fill(null);
  const hashed = node.leftKeys.length > 0;
  const leftKey = hashed ? compileProjection(node.leftKeys) : undefined;
  // Right keys are bound over [left…, right…]: evaluate them on a row padded on the left.
  const rightKeyOf = hashed ? compileProjection(node.rightKeys) : undefined;
  const scratch: unknown[] = new Array(lw + rw).fill(null);
  const rightKey = (r: Row) => {
    for (let i = 0; i < rw; i++) scratch[lw + i] = r[i];
    return rightKeyOf!(scratch, batch);
  };
  const keyOf = (vals: unknown[]): string | undefined => {
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === null && !node.nullSafe[i]) return undefined;
      vals[i] = normalize(vals[i]);
    }
    return keyString(vals);
  };

  /** Rows of `build` grouped by key, in input order; or one bucket with every row for a nested loop. */
  const buildTable = (build: readonly Row[], key: (r: Row) => unknown[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    for (let i = 0; i < build.length; i++) {
      const k = keyOf(key(build[i]!));
      if (k === undefined) continue;
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    }
    return m;
  };
  const allIndexes = (n: number) => Array.from({ length: n }, (_, i) => i);

  return (left, right, ctx) => {
    batch = ctx;
    const out: Row[] = [];
    if (type === "right") {
      // Probe with the right rows, in their order.
      const table = hashed ? buildTable(left, (r) => leftKey!(r as unknown[], batch)) : undefined;
      const every = hashed ? undefined : allIndexes(left.length);
      for (const r of right) {
        const k = hashed ? keyOf(rightKey(r)) : "";
        const cands = hashed ? (k === undefined ? undefined : table!.get(k)) : every;
        let hit = false;
        if (cands) {
          for (const i of cands) {
            const row = [...left[i]!, ...r];
            if (matches(row)) {
              out.push(row);
              hit = true;
            }
          }
        }
        if (!hit) out.push([...leftNulls, ...r]);
      }
      return out;
    }
    const table = hashed ? buildTable(right, rightKey) : undefined;
    const every = hashed ? undefined : allIndexes(right.length);
    const matchedRight = type === "full" ? new Uint8Array(right.length) : undefined;
    for (const l of left) {
      let cands: number[] | undefined;
      if (hashed) {
        const k = keyOf(leftKey!(l as unknown[], batch));
        cands = k === undefined ? undefined : table!.get(k);
      } else {
        cands = every;
      }
      let hit = false;
      if (cands) {
        for (const i of cands) {
          const r = right[i]!;
          const row = [...l, ...r];
          if (!matches(row)) continue;
          hit = true;
          if (type === "semi" || type === "anti") break;
          out.push(row);
          if (matchedRight) matchedRight[i] = 1;
        }
      }
      if (type === "semi" && hit) out.push(l);
      else if (type === "anti" && !hit) out.push(l);
      else if ((type === "left" || type === "full") && !hit) out.push([...l, ...rightNulls]);
    }
    if (matchedRight) {
      for (let i = 0; i < right.length; i++) if (!matchedRight[i]) out.push([...leftNulls, ...right[i]!]);
    }
    return out;
  };
}
