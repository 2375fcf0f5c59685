// The Delta writer's options (delta-spark's DeltaOptions), shared by writeStream and df.write.
import { userError } from "sluice/plugin-sdk";

export const WRITE_OPTIONS: Record<string, unknown> = {
  path: { type: "string", minLength: 1, description: "The table's directory (created with its _delta_log on the first write)." },
  partitionBy: {
    type: "string",
    description: 'The partition columns as a JSON array (set by partitionBy(...)), e.g. ["date"]. A new table is partitioned by them; for an existing one they must be its partition columns.',
  },
  mergeSchema: { type: "boolean", default: false, description: "Add the data's new columns to the table's schema (appended at the end) instead of failing." },
  overwriteSchema: {
    type: "boolean", default: false,
    description: "With overwrite (or complete output mode): replace the table's schema and partitioning by the data's.",
  },
  userMetadata: { type: "string", description: "Text recorded in the commit's commitInfo.userMetadata (shown by history())." },
  maxRecordsPerFile: { type: "integer", minimum: 0, description: "Rows per data file at most (0: Sluice's bound of 500000)." },
};

export interface DeltaWriteOptions {
  path: string;
  partitionBy?: string;
  mergeSchema: boolean;
  overwriteSchema: boolean;
  userMetadata?: string;
  maxRecordsPerFile?: number;
}

/** partitionBy's JSON array (or a comma-separated list), undefined when not given. */
export function partitionByOption(option: string | undefined): string[] | undefined {
  if (option === undefined || option === "") return undefined;
  let names: unknown;
  try {
    names = JSON.parse(option);
  } catch {
    names = option.split(",").map((s) => s.trim());
  }
  if (!Array.isArray(names)) names = [String(names)];
  return (names as unknown[]).map(String);
}

export function requirePath(path: string | undefined): string {
  if (path === undefined || path === "") {
    throw userError("_LEGACY_ERROR_TEMP_2047", "'path' is not specified.", { hint: 'Give the table\'s directory: .save("/data/table") or .start("/data/table").' });
  }
  return path;
}
