// Which store: Spark's StateStoreId (operator, partition, store name) and where its files live.
// Spark's layout: <checkpoint>/state/<operatorId>/<partitionId>/ for the default store, and
// <checkpoint>/state/<operatorId>/<partitionId>/<storeName>/ for the others (a join's four).
import { join } from "node:path";

/** The name of an operator's only store, when it has one (Spark's StateStoreId.DEFAULT_STORE_NAME). */
export const DEFAULT_STORE_NAME = "default";

export interface StateStoreId {
  readonly operatorId: number;
  readonly partitionId: number;
  readonly storeName: string;
}

/** The directory of one store of one operator partition, under <checkpoint>/state. */
export function storeDir(stateDir: string, id: StateStoreId): string {
  const partition = join(stateDir, String(id.operatorId), String(id.partitionId));
  return id.storeName === DEFAULT_STORE_NAME ? partition : join(partition, id.storeName);
}
