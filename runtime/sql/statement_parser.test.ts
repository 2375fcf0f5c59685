import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import type { Query, Relation, Select, Statement } from "./statement_ast.ts";
import { namedWindowRefs, parseStatement } from "./statement_parser.ts";

const query = (sql: string): Query => {
  const s = parseStatement(sql);
  if (s.kind !== "query") throw new Error(`not a query: ${s.kind}`);
  return s.query;
};
const select = (sql: string): Select => {
  const q = query(sql);
  if (q.body.kind !== "select") throw new Error(`not a select: ${q.body.kind}`);
  return q.body;
};
const fail = (sql: string): SluiceError => {
  try {
    parseStatement(sql);
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error(`parsed: ${sql}`);
};
const relationKinds = (r: Relation | undefined): string =>
  r === undefined ? "" : r.kind === "join" ? `(${relationKinds(r.left)} ${r.type}${r.natural ? " natural" : ""} ${relationKinds(r.right)})` : r.kind;

describe("SELECT", () => {
  test("items, aliases with and without AS, stars", () => {
    const s = select("SELECT a, b AS x, c y, t.*, * FROM t");
    expect(s.items.map((e) => e.kind)).toEqual(["column", "alias", "alias", "star", "star"]);
    expect(s.items[3]).toMatchObject({ kind: "star", qualifier: ["t"] });
  });

  test("clauses in order", () => {
    const s = select("SELECT DISTINCT a, count(*) FROM t WHERE a > 1 GROUP BY a HAVING count(*) > 2");
    expect(s.distinct).toBe(true);
    expect(s.where?.kind).toBe("binary");
    expect(s.groupBy?.exprs.length).toBe(1);
    expect(s.having?.kind).toBe("binary");
  });

  test("a query's ORDER BY, LIMIT and OFFSET", () => {
    const q = query("SELECT a FROM t ORDER BY a DESC NULLS LAST, b LIMIT 5 OFFSET 2");
    expect(q.orderBy.map((o) => [o.ascending, o.nullsFirst])).toEqual([[false, false], [true, true]]);
    expect(q.limit).toMatchObject({ kind: "literal", value: 5 });
    expect(q.offset).toMatchObject({ kind: "literal", value: 2 });
    expect(query("SELECT a FROM t LIMIT ALL").limit).toBeUndefined();
  });

  test("without FROM", () => {
    expect(select("SELECT 1 + 1").from).toBeUndefined();
  });

  test("a clause word at the very end is an alias, as in Spark", () => {
    expect(select("SELECT * FROM").items[0]).toMatchObject({ kind: "alias", names: ["FROM"] });
    const from = select("SELECT a FROM t WHERE").from!;
    expect(from).toMatchObject({ kind: "tableRef", alias: { name: "WHERE" } });
  });

  test("a trailing comma before FROM is named", () => {
    expect(fail("SELECT a, FROM t").code).toBe("TRAILING_COMMA_IN_SELECT");
  });
});

describe("relations", () => {
  test("joins are left-deep with their types", () => {
    const s = select("SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y) CROSS JOIN d NATURAL FULL JOIN e");
    expect(relationKinds(s.from)).toBe("((((tableRef inner tableRef) left tableRef) cross tableRef) full natural tableRef)");
  });

  test("every join type", () => {
    const types = ["JOIN", "INNER JOIN", "LEFT JOIN", "LEFT OUTER JOIN", "RIGHT JOIN", "RIGHT OUTER JOIN", "FULL JOIN", "FULL OUTER JOIN",
      "LEFT SEMI JOIN", "SEMI JOIN", "LEFT ANTI JOIN", "ANTI JOIN", "CROSS JOIN"].map((j) => {
      const f = select(`SELECT * FROM a ${j} b`).from!;
      return f.kind === "join" ? f.type : "?";
    });
    expect(types).toEqual(["inner", "inner", "left", "left", "right", "right", "full", "full", "semi", "semi", "anti", "anti", "cross"]);
  });

  test("comma-separated relations are an inner join without condition", () => {
    expect(relationKinds(select("SELECT * FROM a, b, c").from)).toBe("((tableRef inner tableRef) inner tableRef)");
  });

  test("aliases do not swallow keywords", () => {
    const f = select("SELECT * FROM t1 x JOIN t2 AS y ON x.a = y.a WHERE x.a > 0").from!;
    expect(f.kind === "join" && f.left.kind === "tableRef" && f.left.alias?.name).toBe("x");
    expect(f.kind === "join" && f.right.kind === "tableRef" && f.right.alias?.name).toBe("y");
  });

  test("derived tables, inline tables with column aliases, table functions", () => {
    expect(select("SELECT * FROM (SELECT 1) s").from).toMatchObject({ kind: "derived", alias: { name: "s" } });
    expect(select("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(n, s)").from).toMatchObject({ kind: "inline", alias: { name: "t", columns: ["n", "s"] } });
    expect(select("SELECT * FROM range(3)").from).toMatchObject({ kind: "tvf", name: "range" });
    expect(select("SELECT * FROM global_temp.v").from).toMatchObject({ kind: "tableRef", name: ["global_temp", "v"] });
  });

  test("the watermark clause follows the relation, before its alias", () => {
    const f = select("SELECT * FROM events WATERMARK ts DELAY OF INTERVAL 10 SECONDS AS e").from!;
    expect(f).toMatchObject({ kind: "tableRef", alias: { name: "e" }, watermark: { column: { kind: "column", parts: ["ts"] } } });
    const g = select("SELECT * FROM events WATERMARK ts + INTERVAL 1 SECOND AS t2 DELAY OF INTERVAL '10' SECOND").from!;
    expect(g.kind === "tableRef" && g.watermark?.column.kind).toBe("alias");
    expect(fail("SELECT * FROM events AS e WATERMARK ts DELAY OF INTERVAL 10 SECONDS").code).toBe("PARSE_SYNTAX_ERROR");
    expect(fail("SELECT * FROM events WATERMARK ts DELAY OF 10 SECONDS").code).toBe("PARSE_SYNTAX_ERROR");
  });

  test("STREAM name and STREAM(name)", () => {
    expect(select("SELECT * FROM STREAM events").from).toMatchObject({ kind: "tableRef", stream: true, name: ["events"] });
    expect(select("SELECT * FROM STREAM(events) e").from).toMatchObject({ kind: "tableRef", stream: true, alias: { name: "e" } });
  });

  test("LATERAL VIEW", () => {
    const s = select("SELECT * FROM t LATERAL VIEW OUTER posexplode(arr) x AS p, v WHERE p > 0");
    expect(s.lateralViews).toMatchObject([{ outer: true, fn: "posexplode", table: "x", columns: ["p", "v"] }]);
  });
});

describe("GROUP BY", () => {
  const sets = (sql: string) => select(sql).groupBy!.sets!.map((s) => s.map((e) => (e.kind === "column" ? e.parts.join(".") : e.kind)));

  test("ROLLUP, CUBE and GROUPING SETS expand to grouping sets", () => {
    expect(sets("SELECT 1 FROM t GROUP BY ROLLUP(a, b)")).toEqual([["a", "b"], ["a"], []]);
    expect(sets("SELECT 1 FROM t GROUP BY CUBE(a, b)")).toEqual([["a", "b"], ["a"], ["b"], []]);
    expect(sets("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), a, ())")).toEqual([["a", "b"], ["a"], []]);
    expect(sets("SELECT 1 FROM t GROUP BY a, b WITH ROLLUP")).toEqual([["a", "b"], ["a"], []]);
    expect(sets("SELECT 1 FROM t GROUP BY c, ROLLUP(a)")).toEqual([["c", "a"], ["c"]]);
  });

  test("a parenthesized expression is not a grouping set", () => {
    expect(select("SELECT 1 FROM t GROUP BY GROUPING SETS ((a + 1), b)").groupBy!.sets!.map((s) => s.length)).toEqual([1, 1]);
  });
});

describe("set operations", () => {
  test("INTERSECT binds tighter than UNION and EXCEPT", () => {
    const q = query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4");
    const shape = (t: Query["body"]): string => (t.kind === "setOp" ? `(${shape(t.left)} ${t.op}${t.all ? " all" : ""} ${shape(t.right)})` : "s");
    expect(shape(q.body)).toBe("((s union (s intersect s)) except all s)");
  });

  test("ORDER BY after a set operation sorts the whole result", () => {
    const q = query("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1");
    expect(q.body.kind).toBe("setOp");
    expect(q.orderBy.length).toBe(1);
  });
});

describe("CTEs and subqueries", () => {
  test("WITH names with column lists", () => {
    const q = query("WITH a AS (SELECT 1), b(x, y) AS (SELECT 1, 2) SELECT * FROM a, b");
    expect(q.ctes.map((c) => [c.name, c.columns])).toEqual([["a", undefined], ["b", ["x", "y"]]]);
  });

  test("scalar, IN and EXISTS subqueries hold their query", () => {
    const s = select("SELECT (SELECT 1) FROM t WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1 FROM v)");
    expect(s.items[0]).toMatchObject({ kind: "subquery", mode: "scalar" });
    expect(s.where).toMatchObject({ kind: "binary", left: { kind: "subquery", mode: "in" }, right: { kind: "subquery", mode: "exists" } });
  });
});

describe("window clause", () => {
  test("OVER name and OVER (name) refer to the WINDOW clause", () => {
    const s = select("SELECT sum(a) OVER w, max(a) OVER (w) FROM t WINDOW w AS (PARTITION BY b ORDER BY c)");
    const refs = s.items.map((e) => (e.kind === "call" && e.over ? namedWindowRefs.get(e.over)?.name : undefined));
    expect(refs).toEqual(["w", "w"]);
    expect(s.windows[0]!.spec.partitionBy.length).toBe(1);
  });
});

describe("statements", () => {
  const kind = (sql: string): Statement => parseStatement(sql);

  test("views, EXPLAIN, SHOW TABLES, SET", () => {
    expect(kind("CREATE OR REPLACE TEMP VIEW v (x) AS SELECT 1")).toMatchObject({ kind: "createView", replace: true, global: false, columns: ["x"] });
    expect(kind("CREATE GLOBAL TEMPORARY VIEW v AS SELECT 1")).toMatchObject({ kind: "createView", global: true });
    expect(kind("DROP VIEW IF EXISTS global_temp.v")).toMatchObject({ kind: "dropView", ifExists: true, name: ["global_temp", "v"] });
    expect(kind("EXPLAIN EXTENDED SELECT 1")).toMatchObject({ kind: "explain", mode: "extended", statement: { kind: "query" } });
    expect(kind("SHOW TABLES")).toMatchObject({ kind: "showTables" });
    expect(kind("SET spark.sql.ansi.enabled = false")).toMatchObject({ kind: "set", key: "spark.sql.ansi.enabled", value: "false" });
    expect(kind("SELECT 1;;")).toMatchObject({ kind: "query" });
  });

  test("Spark's errors for views", () => {
    expect(fail("CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1").code).toBe("_LEGACY_ERROR_TEMP_0053");
    expect(parseStatement("CREATE VIEW v AS SELECT 1")).toMatchObject({ kind: "createView", temporary: false });
  });
});

describe("syntax errors point at the token", () => {
  for (const [sql, at] of [
    ["SELEC 1", 0],
    ["SELECT a FROM t WHERE a = = 1", 26],
    ["SELECT a FROM t ORDER BY", 24],
    ["SELECT a FROM t GROUP BY", 24],
    ["SELECT a FROM (SELECT b FROM u", 30],
    ["SELECT a FROM t LEFT x JOIN u", 21],
  ] as const) {
    test(sql, () => {
      const e = fail(sql);
      expect(e.code).toBe("PARSE_SYNTAX_ERROR");
      expect(e.position?.start).toBe(at);
    });
  }
});
