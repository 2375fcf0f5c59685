// spark.catalog: temp views (session), global temp views (`global_temp.name`, shared by sessions)
// and the tables memory sinks fill. Names are case-insensitive, as in Spark.
import { userError } from "../errors.ts";
import type { Plan } from "../plan/plan.ts";
import type { DataFrame } from "./data_frame.ts";

export interface TableInfo {
  name: string;
  catalog: string | null;
  namespace: string[];
  description: string | null;
  tableType: "TEMPORARY" | "MANAGED";
  isTemporary: boolean;
}

const globalViews = new Map<string, Plan>();

export class Catalog {
  private readonly views = new Map<string, Plan>();
  private readonly tables = new Map<string, () => Plan>();

  registerView(name: string, df: DataFrame, global: boolean, replace: boolean): void {
    const map = global ? globalViews : this.views;
    const key = name.toLowerCase();
    if (!replace && map.has(key)) {
      throw userError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", `Cannot create the temporary view \`${name}\` because it already exists.`, {
        sqlState: "42P07", hint: "Choose a different name, drop or replace the existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.",
      });
    }
    map.set(key, df.plan);
  }

  /** A table whose rows change over time (a memory sink); `plan` is called on each lookup. */
  registerTable(name: string, plan: () => Plan): void {
    this.tables.set(name.toLowerCase(), plan);
  }

  lookup(name: string): Plan | undefined {
    const key = name.toLowerCase();
    if (key.startsWith("global_temp.")) return globalViews.get(key.slice("global_temp.".length));
    return this.views.get(key) ?? this.tables.get(key)?.();
  }

  dropTempView(name: string): boolean {
    return this.views.delete(name.toLowerCase());
  }
  dropGlobalTempView(name: string): boolean {
    return globalViews.delete(name.toLowerCase());
  }
  tableExists(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  listTables(): TableInfo[] {
    const temp = [...this.views.keys()].map((name) => ({ name, catalog: null, namespace: [], description: null, tableType: "TEMPORARY" as const, isTemporary: true }));
    const mem = [...this.tables.keys()].map((name) => ({ name, catalog: null, namespace: [], description: null, tableType: "TEMPORARY" as const, isTemporary: true }));
    return [...temp, ...mem].sort((a, b) => a.name.localeCompare(b.name));
  }
}
