// The Catalog relation (PySpark's spark.catalog on a Connect session) as a DataFrame of the client
// session's catalog: the answers Spark's server gives, in its schemas (listTables as Spark's Table
// rows, tableExists and the drops as one boolean).
import { userError } from "../../errors.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { SparkSession } from "../../api/session.ts";
import type { Catalog } from "../gen/spark/connect/catalog_pb.ts";

const TABLE_SCHEMA = "name STRING, catalog STRING, namespace ARRAY<STRING>, description STRING, tableType STRING, isTemporary BOOLEAN";

/** Spark's catalog name pattern (StringUtils.filterPattern): `*` any characters, `|` alternatives, case-insensitive. */
function matchesPattern(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const alternatives = pattern.trim().split("|").map((p) => new RegExp(`^${p.trim().replace(/[.+?^${}()[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`, "i"));
  return (name) => alternatives.some((re) => re.test(name));
}

export function catalogFrame(spark: SparkSession, c: Catalog): DataFrame {
  const cat = c.catType;
  const bool = (name: string, v: boolean) => spark.createDataFrame([[v]], `${name} BOOLEAN`);
  switch (cat.case) {
    case "listTables": {
      const matches = matchesPattern(cat.value.pattern);
      const db = cat.value.dbName?.toLowerCase();
      const rows = spark.catalog.listTables()
        .filter((t) => (t.isTemporary || db === undefined || t.namespace[0]?.toLowerCase() === db) && matches(t.name))
        .map((t) => [t.name, t.catalog, t.namespace, t.description, t.tableType, t.isTemporary]);
      return spark.createDataFrame(rows, TABLE_SCHEMA);
    }
    case "tableExists": {
      const name = cat.value.dbName ? `${cat.value.dbName}.${cat.value.tableName}` : cat.value.tableName;
      return bool("value", spark.catalog.tableExists(name));
    }
    case "dropTempView":
      return bool("value", spark.catalog.dropTempView(cat.value.viewName));
    case "dropGlobalTempView":
      return bool("value", spark.catalog.dropGlobalTempView(cat.value.viewName));
    case "currentDatabase":
      return spark.createDataFrame([["default"]], "value STRING");
    case "currentCatalog":
      return spark.createDataFrame([["spark_catalog"]], "value STRING");
    default:
      throw userError("UNSUPPORTED_FEATURE.CATALOG_OPERATION",
        `Sluice's catalog does not answer ${JSON.stringify(cat.case ?? "unset")}: it answers listTables, tableExists, dropTempView, dropGlobalTempView, currentDatabase and currentCatalog.`,
        { sqlState: "0A000", hint: "Use spark.sql (SHOW TABLES, DESCRIBE TABLE, DROP TABLE …) for the rest." });
  }
}
