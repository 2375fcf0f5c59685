import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { parseDataType, parseDDL, parseSchemaDDL } from "./ddl.ts";
import { parseTypeName, StructType } from "./data_type.ts";

function errorOf(f: () => unknown): SluiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("parseDataType", () => {
  const cases: [string, string][] = [
    ["int", "int"], ["INTEGER", "int"], ["string", "string"], ["varchar(10)", "string"], ["char(5)", "string"],
    ["character(5)", "string"], ["boolean", "boolean"], ["tinyint", "tinyint"], ["byte", "tinyint"],
    ["smallint", "smallint"], ["short", "smallint"], ["bigint", "bigint"], ["long", "bigint"], ["float", "float"],
    ["real", "float"], ["double", "double"], ["decimal", "decimal(10,0)"], ["dec(5)", "decimal(5,0)"],
    ["numeric(10,2)", "decimal(10,2)"], ["DECIMAL(38, 38)", "decimal(38,38)"], ["date", "date"],
    ["timestamp", "timestamp"], ["timestamp_ntz", "timestamp_ntz"], ["timestamp_ltz", "timestamp"],
    ["binary", "binary"], ["void", "void"], ["interval", "interval"], ["interval year", "interval year"],
    ["interval year to month", "interval year to month"], ["interval month", "interval month"],
    ["interval day to second", "interval day to second"], ["interval hour", "interval hour"],
    ["interval minute to second", "interval minute to second"], ["array<int>", "array<int>"],
    ["array<array<string>>", "array<array<string>>"], ["map<string,array<int>>", "map<string,array<int>>"],
    ["map<string, map<string,int>>", "map<string,map<string,int>>"], ["ARRAY<ARRAY<ARRAY<INT>>>", "array<array<array<int>>>"],
    ["struct<a:int, b string>", "struct<a:int,b:string>"], ["struct<a:int,b:array<struct<c:string>>>", "struct<a:int,b:array<struct<c:string>>>"],
    ["struct<>", "struct<>"], ["struct<`a b`: int>", "struct<a b:int>"], ["  int  ", "int"],
    // TIME parses as a type; casts and functions refuse it unless spark.sql.timeType.enabled (time_type.test.ts).
    ["time", "time(6)"], ["time(0)", "time(0)"], ["TIME(3) WITHOUT TIME ZONE", "time(3)"], ["timestamp without time zone", "timestamp_ntz"],
  ];
  for (const [text, simple] of cases) test(text, () => expect(parseDataType(text).simpleString()).toBe(simple));

  test("struct fields keep NOT NULL and COMMENT", () => {
    const t = parseDataType("struct<a int not null comment 'x'>") as StructType;
    expect(t.fields[0]).toMatchObject({ name: "a", nullable: false, metadata: { comment: "x" } });
  });
  test("data_type.ts resolves type names through it", () => expect(parseTypeName("map<string,int>").kind).toBe("map"));

  // Messages and positions from PySpark 4.1.1 (Column.cast with the text).
  const errors: [string, string, string, number | null][] = [
    ["foo", "UNSUPPORTED_DATATYPE", 'Unsupported data type "FOO".', 0],
    ["int(5)", "UNSUPPORTED_DATATYPE", 'Unsupported data type "INT(5)".', 0],
    ["array<foo>", "UNSUPPORTED_DATATYPE", 'Unsupported data type "FOO".', 6],
    ["array", "INCOMPLETE_TYPE_DEFINITION.ARRAY", 'Incomplete complex type: The definition of "ARRAY" type is incomplete. You must provide an element type. For example: "ARRAY<INT>".', 0],
    ["struct", "INCOMPLETE_TYPE_DEFINITION.STRUCT", 'Incomplete complex type: The definition of "STRUCT" type is incomplete. You must provide at least one field type. For example: "STRUCT<name STRING, phone DECIMAL(10, 0)>".', 0],
    ["varchar", "DATATYPE_MISSING_SIZE", 'DataType "VARCHAR" requires a length parameter, for example "VARCHAR"(10). Please specify the length.', 0],
    ["decimal(40,2)", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "Decimal precision 40 exceeds max precision 38.", null],
    ["decimal(5,6)", "_LEGACY_ERROR_TEMP_1228", "Decimal scale (6) cannot be greater than precision (5).", null],
    ["array<int", "PARSE_SYNTAX_ERROR", "Syntax error at or near '<'.", 5],
    ["map<string>", "PARSE_SYNTAX_ERROR", "Syntax error at or near '<'.", 3],
    ["struct<a int, b>", "PARSE_SYNTAX_ERROR", "Syntax error at or near '<'.", 6],
    ["interval second to day", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'to'.", 16],
    ["interval month to year", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'to'.", 15],
    ["int not null", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'not'.", 4],
    ["array<int>>", "PARSE_SYNTAX_ERROR", "Syntax error at or near '>': extra input '>'.", 10],
    ["time(7)", "UNSUPPORTED_TIME_PRECISION", "The seconds precision 7 of the TIME data type is out of the supported range [0, 6].", null],
  ];
  for (const [text, code, message, offset] of errors) {
    test(`error: ${text}`, () => {
      const e = errorOf(() => parseDataType(text));
      expect(e.code).toBe(code);
      expect(e.bareMessage).toBe(message);
      expect(e.position?.start ?? null).toBe(offset);
    });
  }
  test("the caret block of a data type error", () => {
    expect(errorOf(() => parseDataType("array<foo>")).message).toBe(
      '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 6)\n\n== SQL ==\narray<foo>\n------^^^',
    );
  });
});

describe("parseSchemaDDL", () => {
  test("columns with NOT NULL and COMMENT", () => {
    const s = parseSchemaDDL("a STRING, b DOUBLE NOT NULL, c ARRAY<INT> COMMENT 'x'");
    expect(s.fields.map((f) => [f.name, f.dataType.simpleString(), f.nullable, f.metadata])).toEqual([
      ["a", "string", true, {}],
      ["b", "double", false, {}],
      ["c", "array<int>", true, { comment: "x" }],
    ]);
  });
  test("other accepted forms (as PySpark's schema strings)", () => {
    expect(parseSchemaDDL("`a b` int, `c` string").fieldNames).toEqual(["a b", "c"]);
    expect(parseSchemaDDL("struct<a:int>").simpleString()).toBe("struct<a:int>");
    expect(parseSchemaDDL("a: int, b: string").simpleString()).toBe("struct<a:int,b:string>");
    expect(parseSchemaDDL("a struct<b: int>, c map<string, int>").simpleString()).toBe("struct<a:struct<b:int>,c:map<string,int>>");
    expect(parseSchemaDDL("x varchar(3), y interval day to second, z decimal(10,2)").simpleString())
      .toBe("struct<x:string,y:interval day to second,z:decimal(10,2)>");
  });
  test("errors are those of the column-list reading", () => {
    const e = errorOf(() => parseSchemaDDL("a int, b foo"));
    expect([e.code, e.bareMessage, e.position?.start]).toEqual(["UNSUPPORTED_DATATYPE", 'Unsupported data type "FOO".', 9]);
    const f = errorOf(() => parseSchemaDDL("a int,"));
    expect([f.bareMessage, f.position?.start]).toEqual(["Syntax error at or near end of input.", 6]);
    const g = errorOf(() => parseSchemaDDL("a int b"));
    expect([g.bareMessage, g.position?.start]).toEqual(["Syntax error at or near 'b'.", 6]);
    const h = errorOf(() => parseSchemaDDL("foo"));
    expect([h.bareMessage, h.position?.start]).toEqual(["Syntax error at or near end of input.", 3]);
  });
});

describe("parseDDL (DataType.fromDDL)", () => {
  test("a type, else a schema", () => {
    expect(parseDDL("int").simpleString()).toBe("int");
    expect(parseDDL("a int, b string").simpleString()).toBe("struct<a:int,b:string>");
  });
});
