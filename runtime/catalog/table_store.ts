// The tables of the session catalog, shared by a session and the sessions made from it with
// newSession() (as Spark's sessions share their external catalog while temp views stay per
// session). Metadata lives in memory, as Spark's in-memory catalog keeps it; the data files stay
// in each table's directory under spark.sql.warehouse.dir.
import { SluiceError, quoteIdent } from "../errors.ts";
import { type CatalogTable, DEFAULT_DATABASE, tableAlreadyExists } from "./catalog_table.ts";

export class TableStore {
  private readonly tables = new Map<string, CatalogTable>();

  private key(database: string, name: string): string {
    return `${database.toLowerCase()}.${name.toLowerCase()}`;
  }

  get(name: string, database = DEFAULT_DATABASE): CatalogTable | undefined {
    return this.tables.get(this.key(database, name));
  }

  create(table: CatalogTable, replace = false): void {
    const k = this.key(table.database, table.name);
    if (this.tables.has(k) && !replace) throw tableAlreadyExists(table.database, table.name);
    this.tables.set(k, table);
  }

  drop(name: string, database = DEFAULT_DATABASE): CatalogTable | undefined {
    const k = this.key(database, name);
    const t = this.tables.get(k);
    this.tables.delete(k);
    return t;
  }

  list(database = DEFAULT_DATABASE): CatalogTable[] {
    return [...this.tables.values()].filter((t) => t.database.toLowerCase() === database.toLowerCase());
  }
}

/** SCHEMA_NOT_FOUND for a database other than `default` (Sluice's catalog has only that one). */
export function databaseOf(parts: readonly string[]): { database: string; name: string } {
  const rest = parts.length === 3 && parts[0]!.toLowerCase() === "spark_catalog" ? parts.slice(1) : parts;
  if (rest.length === 1) return { database: DEFAULT_DATABASE, name: rest[0]! };
  if (rest.length === 2 && rest[0]!.toLowerCase() === DEFAULT_DATABASE) return { database: DEFAULT_DATABASE, name: rest[1]! };
  if (rest.length === 2) {
    throw new SluiceError("SCHEMA_NOT_FOUND",
      `The schema ${quoteIdent(rest[0]!)} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.`,
      { sqlState: "42704" });
  }
  throw new SluiceError("REQUIRES_SINGLE_PART_NAMESPACE",
    `spark_catalog requires a single-part namespace, but got ${parts.slice(0, -1).map(quoteIdent).join(".")}.`, { sqlState: "42K05" });
}
