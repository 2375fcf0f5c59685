// Spark's `foldable`: an expression whose value is known at analysis (literals and deterministic
// functions of them), and its value, for functions that require constant arguments (a format, a
// charset, a scale).
import type { Bound } from "./bound.ts";
import { compileExpression } from "./codegen.ts";

export function isFoldable(b: Bound): boolean {
  switch (b.kind) {
    case "lit":
      return true;
    case "ref":
    case "lambdaVar":
      return false;
    case "fn":
      return b.deterministic !== false && b.args.every(isFoldable);
    case "and":
    case "or":
      return isFoldable(b.left) && isFoldable(b.right);
    case "case":
      return b.branches.every((x) => isFoldable(x.when) && isFoldable(x.then)) && isFoldable(b.otherwise);
    case "coalesce":
      return b.args.every(isFoldable);
  }
}

/** The value of a foldable expression (evaluated once, as Spark's constant folding does). */
export function foldValue(b: Bound): unknown {
  if (b.kind === "lit") return b.value;
  return compileExpression(b)([]) ?? null;
}
