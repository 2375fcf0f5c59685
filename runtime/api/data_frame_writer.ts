// df.write: PySpark's DataFrameWriter for batch DataFrames. format / mode / option(s) / partitionBy,
// then save(path) or a shorthand (parquet, json, csv, text). The sink plugin's save() does the
// write with Spark's save mode; the rows go to it in chunks and are made visible by one commit.
// Beyond PySpark: save() returns a promise (a write to Kafka or PostgreSQL is asynchronous), so
// `await df.write…save(path)`.
import { userError } from "../errors.ts";
import { CHUNK_MAX_ROWS } from "../exec/chunks.ts";
import type { SaveMode, SaveWriter, SinkDefinition } from "../plugin/contract.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import type { DataFrame } from "./data_frame.ts";
import type { OptionValue } from "./data_stream_reader.ts";

const MODES: Record<string, SaveMode> = {
  append: "append", overwrite: "overwrite", ignore: "ignore", error: "errorifexists", errorifexists: "errorifexists", default: "errorifexists",
};

/** Spark's SaveMode for the text df.write.mode() takes (case-insensitive); INVALID_SAVE_MODE otherwise. */
export function saveModeOf(text: string): SaveMode {
  const m = MODES[text.toLowerCase()];
  if (!m) {
    throw userError("INVALID_SAVE_MODE",
      `The specified save mode "${text}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default".`,
      { sqlState: "42000" });
  }
  return m;
}

export class DataFrameWriter {
  private formatName?: string;
  private saveMode: SaveMode = "errorifexists";
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];

  constructor(private readonly df: DataFrame) {}

  format(source: string): this {
    this.formatName = source;
    return this;
  }
  /** "append", "overwrite", "ignore", "error" / "errorifexists" / "default" (the default), case-insensitive; null keeps the mode. */
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
  parquet(path: string): Promise<void> { this.formatName = "parquet"; return this.save(path); }
  json(path: string): Promise<void> { this.formatName = "json"; return this.save(path); }
  csv(path: string): Promise<void> { this.formatName = "csv"; return this.save(path); }
  text(path: string): Promise<void> { this.formatName = "text"; return this.save(path); }
}
