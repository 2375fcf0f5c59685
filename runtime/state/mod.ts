// The versioned keyed state store of stateful operators. The shared conformance suite is in
// conformance.ts (it imports bun:test, so it is not exported here).
export { FileStateStoreProvider, stateStoreDir } from "./file_state_store_provider.ts";
export { keyString } from "./key_string.ts";
export { MemoryStateStoreProvider } from "./memory_state_store_provider.ts";
export { checkStateSchema, type StateSchema, type StateSchemaCheckOptions, stateSchemaPath } from "./state_schema.ts";
export {
  type StateKey, type StateStore, type StateStoreMetrics, type StateStoreOptions, StateStoreProvider, type StateValue,
} from "./state_store.ts";
