// A table of the session catalog (Spark's CatalogTable for a data source table): its columns, the
// file format it is stored in, where its files are, and whether Sluice manages that directory
// (dropped with the table) or the user gave it (LOCATION / EXTERNAL: only forgotten).
import { quoteIdent, SluiceError } from "../errors.ts";
import type { StructType } from "../types/data_type.ts";

export const DEFAULT_DATABASE = "default";
export const CATALOG_NAME = "spark_catalog";

export interface CatalogTable {
  /** The name as created (lookups ignore case). */
  readonly name: string;
  readonly database: string;
  /** parquet, json, csv, text. */
  readonly provider: string;
  readonly schema: StructType;
  /** Partition columns, last in the schema, in PARTITIONED BY order. */
  readonly partitionColumns: readonly string[];
  readonly location: string;
  readonly managed: boolean;
  /** OPTIONS (…), passed to the format's reader and writer. */
  readonly options: Readonly<Record<string, string>>;
  readonly comment?: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Column comments by column name. */
  readonly columnComments: Readonly<Record<string, string>>;
}

/** `spark_catalog`.`default`.`name`, as Spark names a table in messages. */
export function qualifiedTableName(database: string, name: string): string {
  return [CATALOG_NAME, database, name].map(quoteIdent).join(".");
}

export function tableAlreadyExists(database: string, name: string): SluiceError {
  return new SluiceError("TABLE_OR_VIEW_ALREADY_EXISTS",
    `Cannot create table or view ${quoteIdent(database)}.${quoteIdent(name)} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`,
    { sqlState: "42P07" });
}

export function tableNotFound(parts: readonly string[]): SluiceError {
  return new SluiceError("TABLE_OR_VIEW_NOT_FOUND",
    `The table or view ${parts.map(quoteIdent).join(".")} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`,
    { sqlState: "42P01" });
}
