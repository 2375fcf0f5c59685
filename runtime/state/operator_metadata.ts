// The operator metadata file Spark 4 writes for every stateful operator,
// <checkpoint>/state/<operatorId>/_metadata/metadata: a "v1" line, then
// {"operatorInfo":{"operatorId":0,"operatorName":"stateStoreSave"},
//  "stateStoreInfo":[{"storeName":"default","numColsPrefixKey":0,"numPartitions":8}]}
// (Spark's OperatorStateMetadataV1). Written when the operator first runs; on a restart it gives
// the operator's partition count and is checked against the query.
//
// Checkpoints written by Sluice before state store v2 have no such file: their operators kept
// one store in partition 0. Those load as one-partition operators (the file is written then);
// anything else without the file is refused with what was found.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic_write.ts";
import { corrupt } from "../checkpoint/metadata_log.ts";
import { externalError, userError } from "../errors.ts";
import { DEFAULT_STORE_NAME } from "./state_store_id.ts";

export interface StoreMetadata {
  readonly storeName: string;
  readonly numColsPrefixKey: number;
  readonly numPartitions: number;
}

export interface OperatorStateMetadata {
  readonly operatorInfo: { readonly operatorId: number; readonly operatorName: string };
  readonly stateStoreInfo: readonly StoreMetadata[];
}

const VERSION_LINE = "v1";

export function operatorMetadataPath(stateDir: string, operatorId: number): string {
  return join(stateDir, String(operatorId), "_metadata", "metadata");
}

export function readOperatorMetadata(stateDir: string, operatorId: number): OperatorStateMetadata | undefined {
  const path = operatorMetadataPath(stateDir, operatorId);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const nl = text.indexOf("\n");
  const version = nl < 0 ? text : text.slice(0, nl);
  if (version === "v2") {
    throw corrupt(path, "it is Spark's version 2 operator metadata (transformWithState), which this Sluice does not read");
  }
  if (version !== VERSION_LINE) throw corrupt(path, `expected a "${VERSION_LINE}" line, found "${version.slice(0, 20)}"`);
  let md: OperatorStateMetadata;
  try {
    md = JSON.parse(text.slice(nl + 1)) as OperatorStateMetadata;
  } catch {
    throw corrupt(path, "its second line is not valid JSON (truncated or corrupt file?)");
  }
  const ok = typeof md?.operatorInfo?.operatorId === "number" && typeof md.operatorInfo.operatorName === "string" &&
    Array.isArray(md.stateStoreInfo) && md.stateStoreInfo.length > 0 && md.stateStoreInfo.every((s) =>
      typeof s?.storeName === "string" && Number.isSafeInteger(s.numColsPrefixKey) && Number.isSafeInteger(s.numPartitions) && s.numPartitions > 0);
  if (!ok) throw corrupt(path, "expected operatorInfo {operatorId, operatorName} and stateStoreInfo [{storeName, numColsPrefixKey, numPartitions}]");
  return md;
}

/** Spark's serialization: the version line, then the JSON on one line, no trailing newline. */
export function writeOperatorMetadata(stateDir: string, md: OperatorStateMetadata): void {
  const info = { operatorId: md.operatorInfo.operatorId, operatorName: md.operatorInfo.operatorName };
  const stores = md.stateStoreInfo.map((s) => ({ storeName: s.storeName, numColsPrefixKey: s.numColsPrefixKey, numPartitions: s.numPartitions }));
  writeFileAtomic(operatorMetadataPath(stateDir, info.operatorId), `${VERSION_LINE}\n${JSON.stringify({ operatorInfo: info, stateStoreInfo: stores })}`);
}

/** What a stateful operator of the running query declares. */
export interface DeclaredOperator {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly stores: readonly { readonly name: string; readonly numColsPrefixKey?: number }[];
}

/**
 * The partition count of an operator's state: from its metadata file when the checkpoint has one
 * (checking the operator and its stores against it), 1 for state written by Sluice before state
 * store v2, else `partitions` (the query's spark.sql.shuffle.partitions), written down now.
 */
export function resolveOperatorPartitions(stateDir: string, op: DeclaredOperator, partitions: number, log?: (m: string) => void): number {
  const found = readOperatorMetadata(stateDir, op.operatorId);
  if (found !== undefined) {
    checkMatches(stateDir, op, found);
    return found.stateStoreInfo[0]!.numPartitions;
  }
  const opDir = join(stateDir, String(op.operatorId));
  const held = existsSync(opDir) ? readdirSync(opDir).filter((n) => n !== "_metadata").sort() : [];
  let numPartitions = partitions;
  if (held.length > 0 || existsSync(join(opDir, "_metadata", "schema"))) {
    const legacy = held.every((n) => n === "0") && op.stores.length === 1 && op.stores[0]!.name === DEFAULT_STORE_NAME;
    if (!legacy) {
      throw externalError("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED",
        `An error occurred during loading state. The state of operator ${op.operatorId} (${opDir}) holds ${held.map((n) => `'${n}'`).join(", ")} but no operator metadata (${operatorMetadataPath(stateDir, op.operatorId)}).`,
        { sqlState: "58030", hint: "The checkpoint was changed outside Sluice, or written by a version that laid state out differently. Restore it, or start the query with a new checkpoint location." });
    }
    // Written by Sluice before state store v2: one store, everything in partition 0.
    numPartitions = 1;
    log?.(`The state of operator ${op.operatorId} was written before Sluice kept state in partitions; it keeps its 1 partition.`);
  }
  writeOperatorMetadata(stateDir, {
    operatorInfo: { operatorId: op.operatorId, operatorName: op.operatorName },
    stateStoreInfo: op.stores.map((s) => ({ storeName: s.name, numColsPrefixKey: s.numColsPrefixKey ?? 0, numPartitions })),
  });
  return numPartitions;
}

function checkMatches(stateDir: string, op: DeclaredOperator, md: OperatorStateMetadata): void {
  const path = operatorMetadataPath(stateDir, op.operatorId);
  const pair = (name: string) => `(OperatorId: ${op.operatorId} -> OperatorName: ${name})`;
  if (md.operatorInfo.operatorName !== op.operatorName) {
    throw userError("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA",
      "Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\n" +
      `Stateful operators in the metadata: [${pair(md.operatorInfo.operatorName)}]; Stateful operators in current batch: [${pair(op.operatorName)}].`,
      { sqlState: "42K03", hint: `The checkpoint's state was written by a different query (${path}). Restore that query, or start this one with a new checkpoint location.` });
  }
  const stored = md.stateStoreInfo.map((s) => s.storeName).sort().join(", ");
  const now = op.stores.map((s) => s.name).sort().join(", ");
  if (stored !== now) {
    throw userError("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA",
      "Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\n" +
      `Stateful operators in the metadata: [${pair(md.operatorInfo.operatorName)} with stores [${stored}]]; Stateful operators in current batch: [${pair(op.operatorName)} with stores [${now}]].`,
      { sqlState: "42K03", hint: `The checkpoint's state was written by a different query (${path}). Restore that query, or start this one with a new checkpoint location.` });
  }
}

/**
 * Spark's check when a query restarts (IncrementalExecution.checkOperatorValidWithMetadata, on the
 * first batch of a run that is not batch 0): the stateful operators of the query must be the ones
 * the checkpoint's operator metadata names, id by id, so a query that added, removed or replaced
 * a stateful operator is refused instead of reading (or ignoring) another operator's state.
 * Checkpoints without operator metadata are not checked, as in Spark.
 */
export function checkOperatorsMatchMetadata(stateDir: string, current: readonly DeclaredOperator[]): void {
  const ids = existsSync(stateDir) ? readdirSync(stateDir).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b) : [];
  const inMetadata = new Map<number, string>();
  for (const id of ids) {
    const md = readOperatorMetadata(stateDir, id);
    if (md) inMetadata.set(md.operatorInfo.operatorId, md.operatorInfo.operatorName);
  }
  if (inMetadata.size === 0) return;
  const inBatch = new Map([...current].sort((a, b) => a.operatorId - b.operatorId).map((o) => [o.operatorId, o.operatorName]));
  const differs = [...new Set([...inMetadata.keys(), ...inBatch.keys()])].some((id) => (inMetadata.get(id) ?? "not found") !== (inBatch.get(id) ?? "not found"));
  if (!differs) return;
  const pairs = (m: Map<number, string>) => [...m].map(([id, name]) => `(OperatorId: ${id} -> OperatorName: ${name})`).join(", ");
  throw userError("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA",
    "Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\n" +
    `Stateful operators in the metadata: [${pairs(inMetadata)}]; Stateful operators in current batch: [${pairs(inBatch)}].`,
    { sqlState: "42K03", hint: `The checkpoint's state (${stateDir}) was written by a query with other stateful operators. Restore that query, or start this one with a new checkpoint location.` });
}
