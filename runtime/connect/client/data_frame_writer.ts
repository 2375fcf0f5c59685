// df.write of a remote DataFrame: a WriteOperation command the server runs with Spark's own data
// sources (parquet, json, csv, text, orc, kafka, delta where the server has it, …). The same
// methods as the embedded writer (api/data_frame_writer.ts), save() a promise as there. A Sluice
// plugin sink cannot run on the server: save() refuses it by name.
import { WriterSettings } from "../../api/writer_settings.ts";
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

export class ConnectDataFrameWriter extends WriterSettings {
  constructor(private readonly df: ConnectDataFrame) {
    super();
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
}
