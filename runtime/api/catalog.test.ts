import { describe, expect, test } from "bun:test";
import type { Plan } from "../plan/plan.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { Catalog } from "./catalog.ts";
import { SparkSession } from "./session.ts";
import { SharedState } from "./shared_state.ts";

describe("Catalog", () => {
  test("registerRows: a table over rows that change, read at each lookup (the memory sink's)", () => {
    const catalog = new Catalog();
    let rows: unknown[][] = [[1]];
    catalog.registerRows("Out", parseSchemaDDL("v INT"), () => rows);
    const plan = catalog.lookup("out") as Extract<Plan, { kind: "table" }>;
    expect(plan.kind).toBe("table");
    expect(plan.output.map((a) => a.name)).toEqual(["v"]);
    rows = [[1], [2]];
    expect(plan.rowsOf()).toEqual([[1], [2]]);
    expect(catalog.listTables().map((t) => t.name)).toEqual(["out"]);
  });

  test("global temp views live in the map it is given (the application's), temp views in the catalog", () => {
    const globals = new Map<string, Plan>();
    const a = new Catalog(undefined, undefined, globals);
    const b = new Catalog(undefined, undefined, globals);
    const df = new SparkSession(new SharedState()).range(2);
    a.registerView("g", df, true, false);
    a.registerView("t", df, false, false);
    expect(b.lookup("global_temp.G")).toBe(df.plan);
    expect(b.lookup("t")).toBeUndefined();
    expect(b.dropGlobalTempView("g")).toBe(true);
    expect(a.lookup("global_temp.g")).toBeUndefined();
  });
});
