// Reading a checkpoint's state back (Spark's state data sources, 3.5+):
//   spark.read.format("statestore").load(checkpoint)      one row per key of one operator's store
//     at one batch: key (struct of the key schema), value (struct of the value schema),
//     partition_id; options batchId (default: the last committed), operatorId (0), storeName
//     ("default"), joinSide ("none"), stateVarName (transformWithState, which Sluice has not).
//   spark.read.format("state-metadata").load(checkpoint)  one row per operator and store:
//     operatorId, operatorName, stateStoreName, numPartitions, minBatchId, maxBatchId,
//     operatorProperties.
// Both read files only (nothing is written), with Spark's STDS_* error classes.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Checkpoint } from "../checkpoint/checkpoint.ts";
import { userError } from "../errors.ts";
import { defineSource, type Row } from "../plugin/contract.ts";
import { INT, LONG, STRING, StructField, StructType } from "../types/data_type.ts";
import { parseDataType } from "../types/ddl.ts";
import { readOperatorMetadata } from "./operator_metadata.ts";
import { FileStateStoreProvider } from "./file_state_store_provider.ts";
import { stateSchemaPath } from "./state_schema.ts";
import { DEFAULT_STORE_NAME, storeDir } from "./state_store_id.ts";
import { readFileSync } from "node:fs";

export interface StateStoreOptions {
  path?: string;
  batchId?: string;
  operatorId?: string;
  storeName?: string;
  joinSide?: string;
  stateVarName?: string;
}

const invalid = (option: string, sub: "IS_EMPTY" | "IS_NEGATIVE" | "WITH_MESSAGE", message: string) =>
  userError(`STDS_INVALID_OPTION_VALUE.${sub}`, `Invalid value for source option '${option}': ${message}`, { sqlState: "42616" });

function checkpointOf(o: { path?: string }): string {
  if (o.path === undefined || o.path === "") {
    throw userError("STDS_REQUIRED_OPTION_UNSPECIFIED", "'path' must be specified.", {
      sqlState: "42601", hint: 'spark.read.format("statestore").load("<checkpoint directory>")',
    });
  }
  return o.path;
}

function nonNegative(option: string, text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined) return fallback;
  if (text.trim() === "") throw invalid(option, "IS_EMPTY", "cannot be empty.");
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw invalid(option, "WITH_MESSAGE", `${text} is not a number.`);
  if (n < 0) throw invalid(option, "IS_NEGATIVE", "cannot be negative.");
  return n;
}

interface Resolved {
  checkpoint: string;
  batchId: number;
  operatorId: number;
  storeName: string;
  keySchema: StructType;
  valueSchema: StructType;
}

function optionsText(r: { checkpoint: string; batchId?: number; operatorId: number; storeName: string }): string {
  return `StateSourceOptions(checkpointLocation=${r.checkpoint}, batchId=${r.batchId ?? "-"}, operatorId=${r.operatorId}, storeName=${r.storeName}, joinSide=none)`;
}

function resolve(o: StateStoreOptions): Resolved {
  const checkpoint = checkpointOf(o);
  if (o.stateVarName !== undefined) {
    throw invalid("stateVarName", "WITH_MESSAGE", "state variables belong to transformWithState operators, which this checkpoint's Sluice does not run.");
  }
  if (o.joinSide !== undefined && o.joinSide.toLowerCase() !== "none") {
    throw invalid("joinSide", "WITH_MESSAGE", "reading a stream-stream join side's rows is not supported by Sluice's state reader yet; read the join's stores one at a time with storeName (left-keyToNumValues, left-keyWithIndexToValue, right-…).");
  }
  const operatorId = nonNegative("operatorId", o.operatorId, 0)!;
  const storeName = o.storeName ?? DEFAULT_STORE_NAME;
  if (storeName.trim() === "") throw invalid("storeName", "IS_EMPTY", "cannot be empty.");
  const cp = new Checkpoint(checkpoint);
  const latest = cp.commits.latest();
  let batchId = nonNegative("batchId", o.batchId, undefined);
  if (batchId === undefined) {
    if (latest === undefined) {
      throw userError("STDS_COMMITTED_BATCH_UNAVAILABLE",
        `No committed batch found, checkpoint location: ${checkpoint}. Ensure that the query has run and committed any microbatch before stopping.`, { sqlState: "KD006" });
    }
    batchId = latest;
  } else if (!cp.offsets.has(batchId)) {
    throw userError("STDS_OFFSET_LOG_UNAVAILABLE",
      `The offset log for ${batchId} does not exist, checkpoint location: ${checkpoint}. Please specify the batch ID which is available for querying - you can query the available batch IDs via using state metadata data source.`,
      { sqlState: "KD006" });
  }
  const schemaPath = stateSchemaPath(join(checkpoint, "state"), operatorId);
  if (!existsSync(schemaPath)) {
    throw userError("STDS_FAILED_TO_READ_STATE_SCHEMA",
      `Failed to read the state schema. Either the file does not exist, or the file is corrupted. options: ${optionsText({ checkpoint, batchId, operatorId, storeName })}. Rerun the streaming query to construct the state schema, and report to the corresponding communities or vendors if the error persists.`,
      { sqlState: "42K03", hint: `No state schema at ${schemaPath}: is operatorId right? spark.read.format("state-metadata").load(checkpoint) lists the operators.` });
  }
  const file = JSON.parse(readFileSync(schemaPath, "utf8")) as { keySchema: string; valueSchema: string };
  return {
    checkpoint, batchId, operatorId, storeName,
    keySchema: parseDataType(file.keySchema) as StructType, valueSchema: parseDataType(file.valueSchema) as StructType,
  };
}

function refuseStreaming(format: string, streaming: boolean | undefined): void {
  if (streaming) {
    throw userError("UNSUPPORTED_STREAMING_READ", `Data source ${format} does not support streamed reading.`, {
      hint: `Read it as a batch: spark.read.format("${format}").load(checkpoint).`,
    });
  }
}

export const stateStoreSource = defineSource<StateStoreOptions>({
  name: "statestore",
  summary: "Reads one stateful operator's state from a streaming query's checkpoint (Spark's state data source).",
  options: {
    type: "object",
    properties: {
      path: { type: "string", description: "The checkpoint directory (load(path))." },
      batchId: { type: "string", description: "The batch whose state to read; default: the last committed batch." },
      operatorId: { type: "string", description: "The stateful operator, counted from the sources (0)." },
      storeName: { type: "string", description: 'The store of the operator ("default").' },
      joinSide: { type: "string", description: 'Stream-stream join side ("none"; read a join\'s stores with storeName).' },
      stateVarName: { type: "string", description: "A transformWithState state variable (not in Sluice)." },
    },
  },
  schema(o, _user, info) {
    refuseStreaming("statestore", info?.streaming);
    return stateStoreSchema(o);
  },
  create(o) {
    const r = resolve(o);
    return {
      schema: stateStoreSchema(o),
      description: `StateStore[${r.checkpoint}, operator ${r.operatorId}, store ${r.storeName}, batch ${r.batchId}]`,
      latestOffset: () => 0,
      getBatch: () => stateStoreRows(o),
    };
  },
});

/** The statestore source's columns for these options: key, value (the operator's schemas), partition_id. */
export function stateStoreSchema(o: StateStoreOptions): StructType {
  const r = resolve(o);
  return new StructType([new StructField("key", r.keySchema, true), new StructField("value", r.valueSchema, true), new StructField("partition_id", INT, false)]);
}

/** Every key of the store at the batch, partition by partition. */
export function stateStoreRows(o: StateStoreOptions): Row[] {
  const r = resolve(o);
  const stateDir = join(r.checkpoint, "state");
  const md = readOperatorMetadata(stateDir, r.operatorId);
  const count = md?.stateStoreInfo.find((s) => s.storeName === r.storeName)?.numPartitions ?? 0;
  if (count === 0) {
    throw userError("STDS_NO_PARTITION_DISCOVERED_IN_STATE_STORE",
      `The state does not have any partition. Please double check that the query points to the valid state. options: ${optionsText(r)}`, { sqlState: "KD006" });
  }
  const rows: Row[] = [];
  for (let p = 0; p < count; p++) {
    const dir = storeDir(stateDir, { operatorId: r.operatorId, partitionId: p, storeName: r.storeName });
    if (!existsSync(dir)) continue;
    const provider = FileStateStoreProvider.open(dir, { retainInMemory: 0 });
    try {
      const store = provider.load(r.batchId + 1);
      for (const [k, v] of store.iterator()) rows.push([k, v, p]);
      store.abort();
    } finally {
      provider.close();
    }
  }
  return rows;
}

export const METADATA_SCHEMA = new StructType([
  new StructField("operatorId", LONG, false), new StructField("operatorName", STRING, false), new StructField("stateStoreName", STRING, false),
  new StructField("numPartitions", INT, false), new StructField("minBatchId", LONG, false), new StructField("maxBatchId", LONG, false),
  new StructField("operatorProperties", STRING, true),
]);

export const stateMetadataSource = defineSource<{ path?: string }>({
  name: "state-metadata",
  summary: "Lists the stateful operators and stores of a streaming query's checkpoint (Spark's state metadata source).",
  options: { type: "object", properties: { path: { type: "string", description: "The checkpoint directory (load(path))." } } },
  schema(_o, _user, info) {
    refuseStreaming("state-metadata", info?.streaming);
    return METADATA_SCHEMA;
  },
  create(o) {
    const checkpoint = checkpointOf(o);
    return {
      schema: METADATA_SCHEMA,
      description: `StateMetadata[${checkpoint}]`,
      latestOffset: () => 0,
      getBatch: () => stateMetadataRows(checkpoint),
    };
  },
});

/** One row per operator and store, operators in id order (Spark's StateMetadataTable). */
export function stateMetadataRows(checkpoint: string): Row[] {
  const cp = new Checkpoint(checkpoint);
  const ids = cp.commits.batchIds();
  if (ids.length === 0) {
    throw userError("STDS_COMMITTED_BATCH_UNAVAILABLE",
      `No committed batch found, checkpoint location: ${checkpoint}. Ensure that the query has run and committed any microbatch before stopping.`, { sqlState: "KD006" });
  }
  const minBatchId = Math.min(...ids), maxBatchId = Math.max(...ids);
  const stateDir = join(checkpoint, "state");
  const rows: Row[] = [];
  for (let op = 0; existsSync(join(stateDir, String(op))); op++) {
    const md = readOperatorMetadata(stateDir, op);
    if (md === undefined) {
      throw userError("STDS_FAILED_TO_READ_OPERATOR_METADATA",
        `Failed to read the operator metadata for checkpointLocation=${checkpoint} and batchId=${maxBatchId}. Either the file does not exist, or the file is corrupted. Rerun the streaming query to construct the operator metadata, and report to the corresponding communities or vendors if the error persists.`,
        { sqlState: "42K03" });
    }
    for (const s of md.stateStoreInfo) {
      // operatorProperties is JSON for version-2 metadata (transformWithState); null for version 1, as Spark's.
      rows.push([md.operatorInfo.operatorId, md.operatorInfo.operatorName, s.storeName, s.numPartitions, minBatchId, maxBatchId, null]);
    }
  }
  return rows;
}
