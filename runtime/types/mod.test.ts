import { expect, test } from "bun:test";
import * as T from "./mod.ts";
import * as dt from "./data_type.ts";

test("types are made by calling them, as in PySpark, or with new", () => {
  const schema = T.StructType([T.StructField("id", T.LongType(), false), T.StructField("price", T.DecimalType(10, 2))]);
  expect(schema.simpleString()).toBe("struct<id:bigint,price:decimal(10,2)>");
  expect(new T.StringType().simpleString()).toBe("string");
  expect(T.ArrayType(T.StringType()).simpleString()).toBe("array<string>");
  expect(T.MapType(T.StringType(), T.IntegerType(), false).simpleString()).toBe("map<string,int>");
});

test("what they make is the engine's own type, and instanceof works both ways", () => {
  const s = T.StructType().add("a", T.StringType()).add("b", "int");
  expect(s).toBeInstanceOf(dt.StructType);
  expect(s instanceof T.StructType).toBe(true);
  expect(new dt.StringType() instanceof T.StringType).toBe(true);
  expect(s.treeString()).toBe("root\n |-- a: string (nullable = true)\n |-- b: integer (nullable = true)\n");
});
