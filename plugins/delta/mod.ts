// The Delta Lake connector: a source (readStream and read) and a sink (writeStream) for Delta
// tables, with the Delta transaction log (PROTOCOL.md of delta-io/delta) written and read here.
export { default as deltaSource } from "./source.ts";
export { default as deltaSink } from "./sink.ts";
// Maintenance (DeltaTable in "sluice", `sluice delta …`): reached by the engine through builtins.ts.
export {
  optimizeTable as optimizeDeltaTable, requireTable as requireDeltaTable, tableHistory as deltaTableHistory, vacuumTable as vacuumDeltaTable,
  type MaintenanceContext as DeltaMaintenanceContext, type OptimizeMetrics as DeltaOptimizeMetrics,
} from "./maintenance.ts";
export { isDeltaTable as isDeltaTablePath } from "./log_store.ts";
