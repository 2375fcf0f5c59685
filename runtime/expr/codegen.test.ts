import { describe, expect, test } from "bun:test";
import type { Bound } from "./bound.ts";
import { compileExpression, compilePredicate, compileProjection } from "./codegen.ts";
import { BOOLEAN, DOUBLE, INT, STRING, type DataType } from "../types/data_type.ts";

const ref = (ordinal: number, type: DataType = INT, nullable = true): Bound => ({ kind: "ref", ordinal, type, nullable, name: `c${ordinal}` });
const lit = (value: unknown, type: DataType = INT): Bound => ({ kind: "lit", value, type, nullable: value === null });
const add = (l: Bound, r: Bound): Bound => ({
  kind: "fn", name: "add", args: [l, r], type: INT, nullable: l.nullable || r.nullable,
  impl: (a: number, b: number) => a + b, inline: ([a, b]) => `${a} + ${b}`,
});
const and = (l: Bound, r: Bound): Bound => ({ kind: "and", left: l, right: r, type: BOOLEAN, nullable: true });
const or = (l: Bound, r: Bound): Bound => ({ kind: "or", left: l, right: r, type: BOOLEAN, nullable: true });

describe("codegen", () => {
  test("a null argument makes a null-intolerant function null without calling it", () => {
    let calls = 0;
    const f: Bound = { kind: "fn", name: "f", args: [ref(0)], type: INT, nullable: true, impl: (a: number) => (calls++, a * 2) };
    const run = compileExpression(f);
    expect(run([null])).toBeNull();
    expect(calls).toBe(0);
    expect(run([21])).toBe(42);
  });

  test("nullSafe functions see nulls", () => {
    const f: Bound = { kind: "fn", name: "isnull", args: [ref(0)], type: BOOLEAN, nullable: false, nullSafe: true, impl: (a: unknown) => a === null };
    expect(compileExpression(f)([null])).toBe(true);
  });

  test("inline operators and projections", () => {
    const p = compileProjection([add(ref(0), lit(1)), ref(1, STRING), lit("x", STRING)]);
    expect(p([41, "a"])).toEqual([42, "a", "x"]);
    expect(p([null, "a"])).toEqual([null, "a", "x"]);
  });

  test("three-valued AND/OR follow SQL", () => {
    const b = (i: number) => ref(i, BOOLEAN);
    const andF = compileExpression(and(b(0), b(1)));
    const orF = compileExpression(or(b(0), b(1)));
    const cases: [boolean | null, boolean | null, boolean | null, boolean | null][] = [
      [true, true, true, true], [true, false, false, true], [true, null, null, true],
      [false, null, false, null], [null, false, false, null], [null, null, null, null], [false, false, false, false],
    ];
    for (const [l, r, a, o] of cases) {
      expect(andF([l, r])).toBe(a);
      expect(orF([l, r])).toBe(o);
    }
  });

  test("AND short-circuits: the right side is not evaluated after false", () => {
    let calls = 0;
    const right: Bound = { kind: "fn", name: "g", args: [], type: BOOLEAN, nullable: false, impl: () => (calls++, true) };
    compileExpression(and(lit(false, BOOLEAN), right))([]);
    expect(calls).toBe(0);
  });

  test("CASE evaluates branches lazily and falls through to ELSE", () => {
    let calls = 0;
    const boom: Bound = { kind: "fn", name: "boom", args: [], type: INT, nullable: false, impl: () => (calls++, 0) };
    const c: Bound = {
      kind: "case", type: INT, nullable: true,
      branches: [{ when: ref(0, BOOLEAN), then: lit(1) }, { when: lit(null, BOOLEAN), then: boom }],
      otherwise: lit(3),
    };
    const f = compileExpression(c);
    expect(f([true])).toBe(1);
    expect(f([null])).toBe(3);
    expect(calls).toBe(0);
  });

  test("coalesce returns the first non-null, lazily", () => {
    const c: Bound = { kind: "coalesce", args: [ref(0), ref(1), lit(9)], type: INT, nullable: false };
    const f = compileExpression(c);
    expect(f([null, 2])).toBe(2);
    expect(f([1, 2])).toBe(1);
    expect(f([null, null])).toBe(9);
  });

  test("predicates treat null as false", () => {
    const p = compilePredicate(ref(0, BOOLEAN));
    expect(p([true])).toBe(true);
    expect(p([null])).toBe(false);
    expect(p([false])).toBe(false);
  });

  test("non-primitive literals are captured as constants", () => {
    const arr = [1, 2];
    expect(compileExpression(lit(arr))([])).toBe(arr);
    expect(compileExpression(lit(12n))([])).toBe(12n);
    expect(Number.isNaN(compileExpression(lit(NaN))([]) as number)).toBe(true);
  });
});

test("negative literals can follow a sign (an inline operator over a folded constant)", () => {
  const neg = (x: Bound): Bound => ({ kind: "fn", name: "negative", args: [x], type: DOUBLE, nullable: false, impl: (a: number) => -a, inline: ([a]) => `-${a}` });
  expect(compileExpression(neg({ kind: "lit", value: -1.11, type: DOUBLE, nullable: false }))([])).toBe(1.11);
  expect(compileExpression(neg({ kind: "lit", value: -0, type: DOUBLE, nullable: false }))([])).toBe(0);
  expect(compileExpression(neg({ kind: "lit", value: -Infinity, type: DOUBLE, nullable: false }))([])).toBe(Infinity);
});
