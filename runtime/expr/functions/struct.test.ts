import { describe, expect, test } from "bun:test";
import { INT, STRING, StructType } from "../../types/data_type.ts";
import { bindFn, call, callLit, evaluate, expectError, lit, ref } from "../expr_test_kit.ts";

describe("struct and named_struct", () => {
  test("field names from column names, aliases and nested fields, else colN", () => {
    const b = bindFn("struct", [lit(1, INT), lit("x", STRING)]);
    expect(b.type.simpleString()).toBe("struct<col1:int,col2:string>");
    expect(evaluate(b)).toEqual([1, "x"]);
    const named = bindFn("struct", [ref(0, INT, true, "id"), lit(1, INT), lit("x", STRING)], { argSql: ["id", "1 AS a", "`b c`"] });
    expect(named.type.simpleString()).toBe("struct<id:int,a:int,col3:string>");
    expect((named.type as StructType).fields[0]!.nullable).toBe(true);
    expect((named.type as StructType).fields[1]!.nullable).toBe(false);
    expect(call("struct", [[null, INT]])).toEqual([null]);
  });

  test("named_struct", () => {
    const b = bindFn("named_struct", [lit("a", STRING), lit(1, INT), lit("b", STRING), lit("x", STRING)]);
    expect(b.type.simpleString()).toBe("struct<a:int,b:string>");
    expect(evaluate(b)).toEqual([1, "x"]);
    expect(callLit("named_struct", [["a", STRING], [null, INT]])).toEqual([null]);
    expectError(() => bindFn("named_struct", [lit("a", STRING)]), "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    expectError(() => bindFn("named_struct", [ref(0, STRING), lit(1, INT)], { sql: "named_struct(n, 1)", argSql: ["n", "1"] }),
      "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
      `[DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING] Cannot resolve "named_struct(n, 1)" due to data type mismatch: Only foldable \`STRING\` expressions are allowed to appear at odd position, but they are ["n"]. SQLSTATE: 42K09`);
  });
});
