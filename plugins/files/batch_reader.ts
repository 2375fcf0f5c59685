// spark.read over files: the files are listed when the reader is created and read once, whole.
// The single offset {"logOffset": 0} stands for "everything".
import type { Offset, Row, SourceReader } from "sluice/plugin-sdk";
import type { FileFormat, ScanNeeds } from "../formats/format.ts";
import type { ListedFile } from "../formats/list_files.ts";
import type { FileSourceOptions } from "./source_options.ts";
import { partitionRoot } from "../formats/partitioning.ts";
import { readFiles } from "./read_files.ts";
import { currentFiles, formatContext, type ResolvedSchema, type SourceEnv } from "./resolve_schema.ts";
import { qualifiedPath } from "../formats/spark_path.ts";

export class FileBatchReader implements SourceReader {
  readonly schema;
  readonly description: string;
  readonly #files: ListedFile[];
  readonly #read: () => Row[];

  constructor(format: FileFormat, o: FileSourceOptions, resolved: ResolvedSchema, env: SourceEnv, scan?: ScanNeeds) {
    this.schema = resolved.schema;
    this.description = `FileScan ${format.name} [${qualifiedPath(o.path)}]`;
    this.#files = currentFiles(o, false);
    const ctx = formatContext(o, env);
    const readFile = format.reader(resolved.dataSchema, o, ctx, scan);
    const root = partitionRoot(o.path);
    this.#read = () =>
      readFiles(this.#files, { readFile, partitionSchema: resolved.partitionSchema, root, ctx, ignoreMissingFiles: o.ignoreMissingFiles });
  }

  latestOffset(): Offset {
    return { logOffset: 0 };
  }

  getBatch(start: Offset, end: Offset): Row[] {
    if (end === null || JSON.stringify(start) === JSON.stringify(end)) return [];
    return this.#read();
  }

  stop(): void {}
}
