// Which input slots a bound expression reads (for lazy column materialization and join planning).
import type { Bound } from "./bound.ts";

export function refsOf(b: Bound, out = new Set<number>()): Set<number> {
  switch (b.kind) {
    case "ref":
      out.add(b.ordinal);
      break;
    case "fn":
    case "coalesce":
      for (const a of b.args) refsOf(a, out);
      break;
    case "and":
    case "or":
      refsOf(b.left, out);
      refsOf(b.right, out);
      break;
    case "case":
      for (const br of b.branches) {
        refsOf(br.when, out);
        refsOf(br.then, out);
      }
      refsOf(b.otherwise, out);
      break;
    case "lit":
    case "lambdaVar":
      break;
    default: {
      const never: never = b;
      throw new Error(`refsOf: unknown node ${JSON.stringify(never)}`);
    }
  }
  return out;
}

/** A copy of `b` with every column reference's slot moved by `shift` (a side's view of a join's row). */
export function shiftRefs(b: Bound, shift: number): Bound {
  switch (b.kind) {
    case "ref":
      return { ...b, ordinal: b.ordinal + shift };
    case "fn":
      return { ...b, args: b.args.map((a) => shiftRefs(a, shift)) };
    case "coalesce":
      return { ...b, args: b.args.map((a) => shiftRefs(a, shift)) };
    case "and":
    case "or":
      return { ...b, left: shiftRefs(b.left, shift), right: shiftRefs(b.right, shift) };
    case "case":
      return {
        ...b, branches: b.branches.map((br) => ({ when: shiftRefs(br.when, shift), then: shiftRefs(br.then, shift) })), otherwise: shiftRefs(b.otherwise, shift),
      };
    case "lit":
    case "lambdaVar":
      return b;
    default: {
      const never: never = b;
      throw new Error(`shiftRefs: unknown node ${JSON.stringify(never)}`);
    }
  }
}
