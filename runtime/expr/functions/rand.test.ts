import { describe, expect, test } from "bun:test";
import { INT, LONG, NULL, STRING, type DataType } from "../../types/data_type.ts";
import { batch, bindFn, evaluate, expectError, lit, newBatch, ref } from "../expr_test_kit.ts";
import { XorShiftRandom } from "./rand.ts";

/** Six rows in two partitions of three, as spark.range(0, 6, 1, 2).select(rand(seed)). */
function sixRows(seed: unknown, type: DataType = LONG): number[] {
  const b = bindFn("rand", [lit(seed, seed === null ? NULL : type)]);
  const out: number[] = [];
  for (const p of [0, 1]) {
    batch.partitionIndex = p;
    for (let i = 0; i < 3; i++) out.push(evaluate(b) as number);
  }
  newBatch(0);
  return out;
}

describe("rand", () => {
  test("reproduces Spark's XORShiftRandom doubles per partition (checked against PySpark 4.1.1)", () => {
    expect(sixRows(42, INT)).toEqual([0.619189370225301, 0.5096018842446481, 0.8325259388871524, 0.8017532427858894, 0.6565552949992319, 0.2515595782593636]);
    expect(sixRows(0)).toEqual([0.7604953758285915, 0.5234194256885571, 0.0953472826424725, 0.6363787615254752, 0.5993846534021868, 0.134842710012538]);
    expect(sixRows(-1)).toEqual([0.3030262136082562, 0.32113796770929537, 0.9042833431841623, 0.7604953758285915, 0.5234194256885571, 0.0953472826424725]);
    expect(sixRows(9223372036854775807n)).toEqual([0.17715881442674208, 0.9077141821545979, 0.08354279996053304, 0.18084965112285223, 0.5968436565934606, 0.23269187154255977]);
    expect(sixRows(null)).toEqual(sixRows(0));
  });

  test("a new batch restarts the sequence, as each Spark task re-seeds", () => {
    const b = bindFn("rand", [lit(42, INT)]);
    const first = evaluate(b);
    evaluate(b);
    newBatch(1_000_000);
    expect(evaluate(b)).toBe(first);
    newBatch(0);
  });

  test("without a seed: values in [0, 1), not deterministic", () => {
    const b = bindFn("rand", []);
    expect(b.kind === "fn" && b.deterministic).toBe(false);
    for (let i = 0; i < 100; i++) {
      const v = evaluate(b) as number;
      expect(v >= 0 && v < 1).toBe(true);
    }
  });

  test("randn: java.util.Random.nextGaussian with StrictMath.log (checked against PySpark)", () => {
    expect(evaluate(bindFn("randn", [lit(42, INT)]))).toBe(2.384479054241165);
    expect(evaluate(bindFn("randn", [lit(0, INT)]))).toBe(1.6034991609278433);
  });

  test("the seed must be a literal integer", () => {
    expectError(() => bindFn("rand", [ref(0, INT)], { sql: "rand(a)", argSql: ["a"] }), "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    expectError(() => bindFn("rand", [lit("a", STRING)], { sql: "rand(a)", argSql: ["a"] }), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "rand(a)" due to data type mismatch: The first parameter requires the ("INT" or "BIGINT") type, however "a" has the type "STRING". SQLSTATE: 42K09`);
    expect(new XorShiftRandom(42n).nextDouble()).toBe(0.619189370225301);
  });
});
