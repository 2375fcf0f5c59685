// df.write of a remote DataFrame: a WriteOperation command the server runs with Spark's own data
// sources (parquet, json, csv, text, orc, kafka, delta where the server has it, …). The same
// methods as the embedded writer (api/data_frame_writer.ts), save() a promise as there. A Sluice
// plugin sink cannot run on the server: save() refuses it by name.
import { saveModeOf } from "../../api/data_frame_writer.ts";
import type { OptionValue } from "../../api/data_stream_reader.ts";
import type { SaveMode } from "../../plugin/contract.ts";
import { WriteOperation_SaveMode } from "../gen/spark/connect/commands_pb.ts";
import type { ConnectDataFrame } from "./data_frame.ts";
import { pluginRefused, SPARK_FORMATS } from "./remote_unsupported.ts";

const PROTO_MODES: Record<SaveMode, WriteOperation_SaveMode> = {
  append: WriteOperation_SaveMode.APPEND,
  overwrite: WriteOperation_SaveMode.OVERWRITE,
  errorifexists: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  ignore: WriteOperation_SaveMode.IGNORE,
};

export class ConnectDataFrameWriter {
  private formatName?: string;
  private saveMode: SaveMode = "errorifexists";
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];

  constructor(private readonly df: ConnectDataFrame) {}

  format(source: string): this {
    this.formatName = source;
    return this;
  }
  /** "append", "overwrite", "ignore", "error" / "errorifexists" / "default", case-insensitive; null keeps the mode. */
  mode(saveMode: string | null): this {
    if (saveMode !== null && saveMode !== undefined) this.saveMode = saveModeOf(saveMode);
    return this;
  }
  option(key: string, value: OptionValue | null): this {
    if (value === null || value === undefined) delete this.opts[key];
    else this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, OptionValue | null>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  partitionBy(...cols: (string | string[])[]): this {
    this.partitionCols = cols.flat();
    return this;
  }

  /** Writes the DataFrame on the server, to `path` (or the `path` option) in the chosen format; no format: the server's spark.sql.sources.default. */
  async save(path?: string): Promise<void> {
    const format = this.formatName;
    const session = this.df.sparkSession;
    if (format !== undefined && !SPARK_FORMATS.has(format.toLowerCase()) && session.isSluicePlugin("sink", format)) {
      throw pluginRefused("sink", format);
    }
    await session.client.command({
      commandType: {
        case: "writeOperation",
        value: {
          input: this.df.relation,
          source: format,
          saveType: path === undefined ? { case: undefined } : { case: "path", value: path },
          mode: PROTO_MODES[this.saveMode],
          partitioningColumns: this.partitionCols,
          options: { ...this.opts },
        },
      },
    });
  }

  // Shorthands, as PySpark's writer has.
  parquet(path: string): Promise<void> { this.formatName = "parquet"; return this.save(path); }
  json(path: string): Promise<void> { this.formatName = "json"; return this.save(path); }
  csv(path: string): Promise<void> { this.formatName = "csv"; return this.save(path); }
  text(path: string): Promise<void> { this.formatName = "text"; return this.save(path); }
}
