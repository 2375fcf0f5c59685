// spark.catalog: temp views (session), global temp views (`global_temp.name`, shared by sessions),
// the tables memory sinks fill, and the session catalog's tables (CREATE TABLE; runtime/catalog/).
// Names are case-insensitive, as in Spark; a temp view hides a table of the same name.
import type { CatalogTable } from "../catalog/catalog_table.ts";
import { databaseOf, TableStore } from "../catalog/table_store.ts";
import { userError } from "../errors.ts";
import { attributesOf } from "../plan/attribute.ts";
import type { Plan } from "../plan/plan.ts";
import type { StructType } from "../types/data_type.ts";
import type { DataFrame } from "./data_frame.ts";

export interface TableInfo {
  name: string;
  catalog: string | null;
  namespace: string[];
  description: string | null;
  tableType: "TEMPORARY" | "MANAGED" | "EXTERNAL";
  isTemporary: boolean;
}

export class Catalog {
  private readonly views = new Map<string, Plan>();
  private readonly tables = new Map<string, () => Plan>();

  /**
   * `store` holds the catalog's tables and `globalViews` the global temp views, both the
   * application's (shared with its other sessions); `planOf` builds the plan reading a table.
   */
  constructor(
    readonly store: TableStore = new TableStore(),
    private readonly planOf?: (t: CatalogTable) => Plan,
    private readonly globalViews: Map<string, Plan> = new Map(),
  ) {}

  /** The catalog table a name refers to (not a temp view), or undefined. */
  catalogTable(parts: readonly string[]): CatalogTable | undefined {
    try {
      const { database, name } = databaseOf(parts);
      return this.store.get(name, database);
    } catch {
      return undefined;
    }
  }

  /** Whether `name` (one part) is a temp view of this session. */
  isTempView(name: string): boolean {
    return this.views.has(name.toLowerCase());
  }

  registerView(name: string, df: DataFrame, global: boolean, replace: boolean): void {
    const map = global ? this.globalViews : this.views;
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

  /** A table over rows that change over time (the memory sink's); `rows` is read on each lookup. */
  registerRows(name: string, schema: StructType, rows: () => readonly unknown[][]): void {
    const output = attributesOf(schema);
    this.registerTable(name, () => Object.freeze({ kind: "table", name, rowsOf: rows, output, streaming: false }) as Plan);
  }

  lookup(name: string): Plan | undefined {
    const key = name.toLowerCase();
    if (key.startsWith("global_temp.")) return this.globalViews.get(key.slice("global_temp.".length));
    const local = this.views.get(key) ?? this.tables.get(key)?.();
    if (local) return local;
    const table = this.catalogTable(splitName(name));
    return table && this.planOf ? this.planOf(table) : undefined;
  }

  dropTempView(name: string): boolean {
    return this.views.delete(name.toLowerCase());
  }
  dropGlobalTempView(name: string): boolean {
    return this.globalViews.delete(name.toLowerCase());
  }
  tableExists(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  listTables(): TableInfo[] {
    const temp = [...this.views.keys()].map((name) => ({ name, catalog: null, namespace: [], description: null, tableType: "TEMPORARY" as const, isTemporary: true }));
    const mem = [...this.tables.keys()].map((name) => ({ name, catalog: null, namespace: [], description: null, tableType: "TEMPORARY" as const, isTemporary: true }));
    const persistent = this.store.list().map((t) => ({
      name: t.name, catalog: "spark_catalog", namespace: [t.database], description: t.comment ?? null,
      tableType: t.managed ? "MANAGED" as const : "EXTERNAL" as const, isTemporary: false,
    }));
    return [...persistent, ...temp, ...mem].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** `a.b` / `a` as name parts (backquotes are not part of catalog names here). */
export function splitName(name: string): string[] {
  return name.split(".");
}
