// The versioned keyed state store of stateful operators (state store v2): stores identified by
// (operator, partition, store name), files in Spark's layout, hash partitioning as Spark's, scans
// by key prefix and by event time. The shared conformance suite is in conformance.ts (it imports
// bun:test, so it is not exported here).
export { EventTimeIndex, type EventTimeOf } from "./event_time_index.ts";
export { FileStateStoreProvider, stateStoreDir } from "./file_state_store_provider.ts";
export { keyString } from "./key_string.ts";
export { MemoryStateStoreProvider } from "./memory_state_store_provider.ts";
export {
  type DeclaredOperator, type OperatorStateMetadata, operatorMetadataPath, readOperatorMetadata, resolveOperatorPartitions,
  type StoreMetadata, writeOperatorMetadata,
} from "./operator_metadata.ts";
export {
  OperatorBatchState, OperatorState, type OperatorStateMetrics, type StateInfo, type StateLocation, type StatePartitioning,
  type StoreSpec,
} from "./operator_state.ts";
export { partitionOf } from "./partitioner.ts";
export { checkStateSchema, type StateSchema, type StateSchemaCheckOptions, stateSchemaPath } from "./state_schema.ts";
export { DEFAULT_STORE_NAME, type StateStoreId, storeDir } from "./state_store_id.ts";
export {
  type StateKey, type StateStore, type StateStoreMetrics, type StateStoreOptions, StateStoreProvider, type StateValue,
} from "./state_store.ts";
