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
