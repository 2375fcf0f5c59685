// The actions of the Delta log (PROTOCOL.md "Actions"): one JSON object per line of a commit file,
// wrapped in its action name ({"add": {...}}). Fields keep the protocol's names and delta-spark's
// order, so a commit reads as delta-spark writes it.

export interface Protocol {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures?: string[];
  writerFeatures?: string[];
}

export interface Format {
  provider: string;
  options: Record<string, string>;
}

export interface Metadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: Format;
  schemaString: string;
  partitionColumns: string[];
  configuration: Record<string, string>;
  createdTime?: number | null;
}

export interface DeletionVector {
  storageType: string;
  pathOrInlineDv: string;
  offset?: number;
  sizeInBytes: number;
  cardinality: number;
}

export interface AddFile {
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  modificationTime: number;
  dataChange: boolean;
  stats?: string | null;
  tags?: Record<string, string> | null;
  deletionVector?: DeletionVector | null;
  baseRowId?: number | null;
  defaultRowCommitVersion?: number | null;
  clusteringProvider?: string | null;
}

export interface RemoveFile {
  path: string;
  deletionTimestamp?: number | null;
  dataChange: boolean;
  extendedFileMetadata?: boolean;
  partitionValues?: Record<string, string | null>;
  size?: number;
  stats?: string | null;
  tags?: Record<string, string> | null;
  deletionVector?: DeletionVector | null;
}

export interface SetTransaction {
  appId: string;
  version: number;
  lastUpdated?: number | null;
}

export interface DomainMetadata {
  domain: string;
  configuration: string;
  removed: boolean;
}

export interface CommitInfo {
  timestamp: number;
  operation: string;
  operationParameters: Record<string, string>;
  readVersion?: number;
  isolationLevel?: string;
  isBlindAppend?: boolean;
  operationMetrics?: Record<string, string>;
  engineInfo?: string;
  txnId?: string;
  [other: string]: unknown;
}

export type Action =
  | { protocol: Protocol }
  | { metaData: Metadata }
  | { add: AddFile }
  | { remove: RemoveFile }
  | { txn: SetTransaction }
  | { domainMetadata: DomainMetadata }
  | { commitInfo: CommitInfo }
  | { cdc: Record<string, unknown> };

/** The line of a commit file holding `action`. */
export function actionLine(action: Action): string {
  return JSON.stringify(action, (_k, v) => (v === undefined ? undefined : v));
}

/** Parses one line of a commit file; null for an empty line or an action this reader does not know. */
export function parseActionLine(line: string): Action | null {
  if (line.trim() === "") return null;
  const o = JSON.parse(line) as Record<string, unknown>;
  for (const key of ["add", "remove", "metaData", "protocol", "txn", "commitInfo", "domainMetadata", "cdc"]) {
    if (o[key] !== undefined && o[key] !== null) return { [key]: o[key] } as Action;
  }
  return null;
}

/** The commit's actions, in file order. */
export function parseCommit(text: string): Action[] {
  const out: Action[] = [];
  for (const line of text.split("\n")) {
    const a = parseActionLine(line);
    if (a) out.push(a);
  }
  return out;
}

/** The text of a commit file: one action a line, ending in a newline as delta-spark's do not (none needed). */
export function commitText(actions: readonly Action[]): string {
  return actions.map(actionLine).join("\n") + "\n";
}

/** The remove action for an added file, at `timestamp` (delta-spark's AddFile.remove). */
export function removeOf(add: AddFile, timestamp: number, dataChange = true): RemoveFile {
  return {
    path: add.path,
    deletionTimestamp: timestamp,
    dataChange,
    extendedFileMetadata: true,
    partitionValues: add.partitionValues,
    size: add.size,
    ...(add.stats ? { stats: add.stats } : {}),
    ...(add.tags ? { tags: add.tags } : {}),
  };
}

/** Records in a file according to its stats, or undefined when they are missing. */
export function numRecords(add: AddFile): number | undefined {
  if (!add.stats) return undefined;
  try {
    const n = (JSON.parse(add.stats) as { numRecords?: unknown }).numRecords;
    return typeof n === "number" ? n : undefined;
  } catch {
    return undefined;
  }
}
