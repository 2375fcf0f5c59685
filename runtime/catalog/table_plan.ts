// The plan reading a catalog table: its format's batch source over the table's directory, with
// the table's schema (partition columns come from `name=value` directories).
import type { DataFrame } from "../api/data_frame.ts";
import type { SparkSession } from "../api/session.ts";
import type { Plan } from "../plan/plan.ts";
import type { CatalogTable } from "./catalog_table.ts";

export function tableFrame(spark: SparkSession, t: CatalogTable): DataFrame {
  return spark.read.format(t.provider).options({ ...t.options }).schema(t.schema).load(t.location);
}

export function tablePlan(spark: SparkSession, t: CatalogTable): Plan {
  return tableFrame(spark, t).plan;
}
