// df.write: PySpark's DataFrameWriter for batch DataFrames. format / mode / option(s) / partitionBy,
// then save(path) or a shorthand (parquet, json, csv, text). The sink plugin's save() does the
// write with Spark's save mode; the rows go to it in chunks and are made visible by one commit.
// Beyond PySpark: save() returns a promise (a write to Kafka or PostgreSQL is asynchronous), so
// `await df.write…save(path)`.
import { userError } from "../errors.ts";
import { CHUNK_MAX_ROWS } from "../exec/chunks.ts";
import type { SaveWriter, SinkDefinition } from "../plugin/contract.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import type { DataFrame } from "./data_frame.ts";
import { WriterSettings } from "./writer_settings.ts";

export class DataFrameWriter extends WriterSettings {
  constructor(private readonly df: DataFrame) {
    super();
  }

  /** Writes the DataFrame to `path` (or the `path` option) in the chosen format and save mode. */
  async save(path?: string): Promise<void> {
    const session = this.df.sparkSession;
    const format = this.formatName ?? session.conf.get("spark.sql.sources.default") ?? "parquet";
    const def = session.plugins.registry.sink(format) as SinkDefinition<unknown>;
    if (typeof def.save !== "function") {
      throw userError("_LEGACY_ERROR_TEMP_3135", `${def.name} does not support batch write`, {
        hint: `The ${def.name} sink writes streams only (df.writeStream.format("${def.name}")).`,
      });
    }
    const options: Record<string, string> = { ...this.opts };
    if (path !== undefined) options.path = path;
    if (this.partitionCols.length > 0) options.partitionBy = JSON.stringify(this.partitionCols);
    const validated = validateOptions(def, options, { engineOptions: ["path", "partitionBy"] });
    const writer: SaveWriter | null = await def.save(validated, {
      schema: this.df.schema, mode: this.saveMode, clock: session.clock, log: session.log, conf: (k) => session.conf.get(k), session,
    });
    if (writer === null) return;
    try {
      const { rows } = await this.df.collectRawAsync();
      for (let i = 0; i < rows.length; i += CHUNK_MAX_ROWS) await writer.write(rows.slice(i, i + CHUNK_MAX_ROWS));
      await writer.commit();
    } catch (e) {
      try {
        await writer.abort();
      } catch {
        // The write's own failure is the one to report.
      }
      throw e;
    }
  }

  // Shorthands, as PySpark's writer has.
}
