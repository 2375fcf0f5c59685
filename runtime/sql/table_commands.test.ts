import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../api/session.ts";

let warehouse: string;
let spark: SparkSession;
const rows = (q: string) => spark.sql(q).collectRaw().rows;
const code = (q: string) => {
  try {
    spark.sql(q);
    return "no error";
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

beforeAll(() => {
  warehouse = mkdtempSync(join(tmpdir(), "sluice-warehouse-"));
  spark = SparkSession.builder.create();
  spark.conf.set("spark.sql.warehouse.dir", warehouse);
  spark.conf.set("spark.sql.session.timeZone", "UTC");
});
afterAll(() => rmSync(warehouse, { recursive: true, force: true }));

describe("session catalog tables", () => {
  test("CREATE TABLE, INSERT INTO / OVERWRITE and reading back, in each format", () => {
    for (const format of ["parquet", "json", "csv"]) {
      spark.sql(`CREATE TABLE t_${format} (a INT, b STRING) USING ${format}`);
      spark.sql(`INSERT INTO t_${format} VALUES (1, 'x'), (2, NULL)`);
      spark.sql(`INSERT INTO t_${format} SELECT 3, 'z'`);
      expect(rows(`SELECT * FROM t_${format} ORDER BY a`)).toEqual([[1, "x"], [2, null], [3, "z"]]);
      spark.sql(`INSERT OVERWRITE TABLE t_${format} VALUES (9, 'n')`);
      expect(rows(`SELECT * FROM t_${format}`)).toEqual([[9, "n"]]);
    }
    expect(readdirSync(warehouse).sort()).toEqual(["t_csv", "t_json", "t_parquet"]);
  });

  test("CREATE TABLE AS SELECT takes the query's columns; DROP TABLE removes a managed table's files", () => {
    spark.sql("CREATE TABLE ctas USING parquet AS SELECT id AS n, CAST(id AS STRING) AS s FROM range(3)");
    expect(spark.sql("SELECT * FROM ctas").schema.simpleString()).toBe("struct<n:bigint,s:string>");
    expect(rows("SELECT count(*) FROM ctas")).toEqual([[3]]);
    expect(code("CREATE TABLE ctas (x INT) USING parquet")).toBe("TABLE_OR_VIEW_ALREADY_EXISTS");
    expect(code("CREATE TABLE IF NOT EXISTS ctas (x INT) USING parquet")).toBe("no error");
    spark.sql("DROP TABLE ctas");
    expect(existsSync(join(warehouse, "ctas"))).toBe(false);
    expect(code("SELECT * FROM ctas")).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(code("DROP TABLE ctas")).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(code("DROP TABLE IF EXISTS ctas")).toBe("no error");
  });

  test("INSERT follows ANSI store assignment", () => {
    spark.sql("CREATE TABLE typed (i INT, d DOUBLE, s STRING NOT NULL) USING parquet");
    spark.sql("INSERT INTO typed VALUES (1L, 2, 'a')");
    expect(rows("SELECT * FROM typed")).toEqual([[1, 2, "a"]]);
    expect(code("INSERT INTO typed VALUES ('1', 2.0, 'a')")).toBe("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST");
    expect(code("INSERT INTO typed VALUES (1, 2.0)")).toBe("INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS");
    expect(code("INSERT INTO typed VALUES (1, 2.0, 'a', 4)")).toBe("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS");
    expect(code("INSERT INTO typed VALUES (3000000000L, 2.0, 'a')")).toBe("CAST_OVERFLOW_IN_TABLE_INSERT");
    expect(code("INSERT INTO typed VALUES (1, 2.0, NULL)")).toBe("NOT_NULL_ASSERT_VIOLATION");
    spark.sql("INSERT INTO typed (s, i) VALUES ('b', 2)");
    expect(rows("SELECT * FROM typed WHERE i = 2")).toEqual([[2, null, "b"]]);
    spark.sql("INSERT INTO typed BY NAME SELECT 'c' AS s, 3 AS i, 1.5 AS d");
    expect(rows("SELECT d FROM typed WHERE i = 3")).toEqual([[1.5]]);
  });

  test("partitioned tables keep partition columns last, in name=value directories", () => {
    spark.sql("CREATE TABLE parts (p STRING, a INT) USING json PARTITIONED BY (p)");
    expect(spark.sql("SELECT * FROM parts").schema.simpleString()).toBe("struct<a:int,p:string>");
    spark.sql("INSERT INTO parts VALUES (1, 'x'), (2, NULL)");
    spark.sql("INSERT INTO parts PARTITION (p = 'y') VALUES (3)");
    expect(readdirSync(join(warehouse, "parts")).sort()).toEqual(["p=__HIVE_DEFAULT_PARTITION__", "p=x", "p=y"]);
    expect(rows("SELECT * FROM parts ORDER BY a")).toEqual([[1, "x"], [2, null], [3, "y"]]);
    expect(rows("DESCRIBE parts").map((r) => r[0])).toEqual(["a", "p", "# Partition Information", "# col_name", "p"]);
  });

  test("temp views hide tables; DROP TABLE drops a temp view first; SHOW TABLES lists both", () => {
    spark.sql("CREATE TABLE shadow (x INT) USING parquet");
    spark.sql("INSERT INTO shadow VALUES (1)");
    spark.sql("CREATE TEMP VIEW shadow AS SELECT 2 AS x");
    expect(rows("SELECT * FROM shadow")).toEqual([[2]]);
    expect(rows("SELECT * FROM default.shadow")).toEqual([[1]]);
    expect(code("INSERT INTO shadow VALUES (3)")).toBe("UNSUPPORTED_INSERT.RDD_BASED");
    const listed = rows("SHOW TABLES").filter((r) => r[1] === "shadow");
    expect(listed).toEqual([["default", "shadow", false], ["", "shadow", true]]);
    spark.sql("DROP TABLE shadow");
    expect(rows("SELECT * FROM shadow")).toEqual([[1]]);
    expect(code("DROP VIEW shadow")).toBe("WRONG_COMMAND_FOR_OBJECT_TYPE");
    spark.sql("TRUNCATE TABLE shadow");
    expect(rows("SELECT * FROM shadow")).toEqual([]);
  });

  test("sessions made with newSession() share the tables, not the temp views", () => {
    spark.sql("CREATE TABLE shared (x INT) USING parquet");
    spark.sql("CREATE TEMP VIEW mine AS SELECT 1");
    const other = spark.newSession();
    expect(other.catalog.catalogTable(["shared"])).toBeDefined();
    expect(other.catalog.isTempView("mine")).toBe(false);
  });

  test("Hive syntax and unknown formats are refused", () => {
    expect(code("CREATE TABLE h (x INT) STORED AS ORC")).toBe("NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT");
    expect(code("CREATE TABLE f (x INT) USING nope")).toBe("DATA_SOURCE_NOT_FOUND");
  });
});
