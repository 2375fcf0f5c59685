// ConstantFolding: an expression whose inputs are all literals is computed once while planning
// and replaced by its value (`price * (1 + 0.2)` computes `1.2` once, not per row), and a filter
// whose condition folds to true is dropped. Functions that are not deterministic or read the batch
// (rand(), current_timestamp()) are never folded; an expression whose evaluation fails (1/0 under
// ANSI) is kept, so it fails only if a row evaluates it.
import type { Bound } from "../../expr/bound.ts";
import { compileExpression } from "../../expr/codegen.ts";
import type { Plan } from "../../plan/plan.ts";
import { transformUp } from "../logical_transform.ts";
import type { LogicalRule } from "./rule.ts";

export const constantFolding: LogicalRule = {
  name: "ConstantFolding",
  apply: (plan) => transformUp(plan, foldNode),
};

function foldNode(p: Plan): Plan {
  switch (p.kind) {
    case "project": {
      const exprs = p.exprs.map(fold);
      return exprs.every((e, i) => e === p.exprs[i]) ? p : Object.freeze({ ...p, exprs });
    }
    case "filter": {
      const condition = fold(p.condition);
      if (condition.kind === "lit" && condition.value === true) return p.input;
      return condition === p.condition ? p : Object.freeze({ ...p, condition });
    }
    case "generate": {
      const generator = fold(p.generator);
      return generator === p.generator ? p : Object.freeze({ ...p, generator });
    }
    default:
      return p;
  }
}

/** `b` with every foldable subexpression replaced by its value. */
export function fold(b: Bound): Bound {
  switch (b.kind) {
    case "ref":
    case "lit":
    case "lambdaVar":
      return b;
    case "fn": {
      const args = b.args.map(fold);
      const next: Bound = args.every((a, i) => a === b.args[i]) ? b : { ...b, args };
      if (b.deterministic === false || b.contextual || !args.every((a) => a.kind === "lit")) return next;
      return evaluate(next);
    }
    case "and":
    case "or": {
      const left = fold(b.left), right = fold(b.right);
      const next: Bound = left === b.left && right === b.right ? b : { ...b, left, right };
      return left.kind === "lit" && right.kind === "lit" ? evaluate(next) : next;
    }
    case "coalesce": {
      const args = b.args.map(fold);
      const next: Bound = args.every((a, i) => a === b.args[i]) ? b : { ...b, args };
      return args.every((a) => a.kind === "lit") ? evaluate(next) : next;
    }
    case "case": {
      const branches = b.branches.map((br) => ({ when: fold(br.when), then: fold(br.then) }));
      const otherwise = fold(b.otherwise);
      const changed = otherwise !== b.otherwise || branches.some((br, i) => br.when !== b.branches[i]!.when || br.then !== b.branches[i]!.then);
      const next: Bound = changed ? { ...b, branches, otherwise } : b;
      const all = [otherwise, ...branches.flatMap((br) => [br.when, br.then])];
      return all.every((a) => a.kind === "lit") ? evaluate(next) : next;
    }
    default: {
      const never: never = b;
      throw new Error(`fold: unknown node ${JSON.stringify(never)}`);
    }
  }
}

function evaluate(b: Bound): Bound {
  let value: unknown;
  try {
    value = compileExpression(b)([]);
  } catch {
    return b;
  }
  return { kind: "lit", value, type: b.type, nullable: value === null };
}
