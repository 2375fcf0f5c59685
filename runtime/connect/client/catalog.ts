// spark.catalog of a remote session: the embedded Catalog's user methods (api/catalog.ts), each
// sent to the server as a Catalog relation, as PySpark's Connect catalog sends them.
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { TableInfo } from "../../api/catalog.ts";
import type { CatalogSchema } from "../gen/spark/connect/catalog_pb.ts";
import type { ConnectSparkSession } from "./session.ts";

type CatType = MessageInitShape<typeof CatalogSchema>["catType"];

export class ConnectCatalog {
  constructor(private readonly spark: ConnectSparkSession) {}

  private rows(catType: CatType): unknown[][] {
    return this.spark.dataFrameOf({ case: "catalog", value: { catType } }).collectRaw().rows;
  }
  private flag(catType: CatType): boolean {
    return this.rows(catType)[0]?.[0] === true;
  }

  /** The session's temp views and the catalog's tables (pattern: Spark's, `*` and `|`). */
  listTables(dbName?: string, pattern?: string): TableInfo[] {
    return this.rows({ case: "listTables", value: { dbName, pattern } }).map(([name, catalog, namespace, description, tableType, isTemporary]) => ({
      name: name as string, catalog: catalog as string | null, namespace: (namespace as string[] | null) ?? [],
      description: description as string | null, tableType: tableType as TableInfo["tableType"], isTemporary: isTemporary as boolean,
    }));
  }
  tableExists(name: string): boolean {
    return this.flag({ case: "tableExists", value: { tableName: name } });
  }
  dropTempView(name: string): boolean {
    return this.flag({ case: "dropTempView", value: { viewName: name } });
  }
  dropGlobalTempView(name: string): boolean {
    return this.flag({ case: "dropGlobalTempView", value: { viewName: name } });
  }
}
