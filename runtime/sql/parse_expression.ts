// Entry points for expression strings: F.expr("a + 1"), selectExpr, filter("…"), CAST targets.
import type { Expr } from "../expr/expr.ts";
import { type ParseOptions, Parser } from "./parser.ts";

export type { ParseOptions } from "./parser.ts";

/** Parses one expression, optionally aliased ("a + 1 AS b"), as Spark's parseExpression does. Throws SluiceError. */
export function parseExpression(text: string, options: ParseOptions = {}): Expr {
  return new Parser(text, options).parseSingleExpression();
}

/** Parses comma-separated (optionally aliased) expressions: "a, b + 1 AS c". */
export function parseExpressionList(text: string, options: ParseOptions = {}): Expr[] {
  const p = new Parser(text, options);
  const out = [p.parseNamedExpression()];
  while (p.acceptOp(",")) out.push(p.parseNamedExpression());
  p.finish();
  return out;
}

/** Parses a sort specification: "a DESC NULLS LAST". */
export function parseSortItem(text: string, options: ParseOptions = {}) {
  const p = new Parser(text, options);
  const s = p.parseSortItem();
  p.finish();
  return s;
}
