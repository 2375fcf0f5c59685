// Expected schemas are PySpark 4.1.1's _inferSchemaFromList on the same rows (the Python values
// that the JavaScript ones stand for), except where the file's header says Sluice goes beyond it.
import { describe, expect, test } from "bun:test";
import { inferRowsSchema } from "./infer_rows_schema.ts";

const schemaOf = (rows: Parameters<typeof inferRowsSchema>[0], names?: string[]) => inferRowsSchema(rows, names).schema.simpleString();
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected an error");
};

describe("createDataFrame's schema inferred as PySpark's", () => {
  test("objects: keys sorted and merged over every row; arrays: _1, _2, …", () => {
    expect(schemaOf([{ b: 1, a: "x" }, { a: "y", c: true }])).toBe("struct<a:string,b:bigint,c:boolean>");
    expect(schemaOf([[1, "x"], [2, null]])).toBe("struct<_1:bigint,_2:string>");
    expect(schemaOf([[1n, new Date(0), new Uint8Array([1])]])).toBe("struct<_1:bigint,_2:timestamp,_3:binary>");
    expect(inferRowsSchema([{ b: 1, a: "x" }]).rows).toEqual([["x", 1]]);
  });

  test("names rename the inferred columns in order, also an object's sorted keys", () => {
    expect(schemaOf([[1, "x"]], ["id", "name"])).toBe("struct<id:bigint,name:string>");
    expect(schemaOf([{ b: 1, a: "x" }], ["first", "second"])).toBe("struct<first:string,second:bigint>");
    expect(schemaOf([[1, "x"]], ["id"])).toBe("struct<id:bigint,_2:string>");
  });

  test("a number and a string merge to a string; integral and fractional numbers to a double (beyond Spark)", () => {
    expect(schemaOf([[1], ["x"]])).toBe("struct<_1:string>");
    expect(schemaOf([[2], [1.5]])).toBe("struct<_1:double>");
    expect(failure(() => schemaOf([[2n ** 60n], [1.5]]))).toMatchObject({ code: "CANNOT_MERGE_TYPE" });
    expect(failure(() => schemaOf([[true], [new Date(0)]])).message).toContain("Can not merge type `BooleanType` and `TimestampType`.");
  });

  test("PySpark's errors: an empty list, a column of nulls only, rows of mixed kinds; beyond Spark: nested values need a schema", () => {
    expect(failure(() => schemaOf([]))).toMatchObject({ code: "CANNOT_INFER_EMPTY_SCHEMA" });
    expect(failure(() => schemaOf([{ a: null, b: 1 }]))).toMatchObject({ code: "CANNOT_DETERMINE_TYPE" });
    expect(failure(() => schemaOf([[1], { a: 1 }]))).toMatchObject({ code: "CANNOT_INFER_SCHEMA_FOR_TYPE" });
    const nested = failure(() => schemaOf([{ tags: ["a"] }]));
    expect(nested.code).toBe("CANNOT_INFER_TYPE_FOR_FIELD");
    expect(nested.message).toContain("Unable to infer the type of the field `tags`.");
  });
});
