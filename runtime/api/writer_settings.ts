// What df.write's settings are, shared by the embedded writer (data_frame_writer.ts) and the
// Spark Connect client's (connect/client/data_frame_writer.ts): PySpark's format / mode / option(s)
// / partitionBy and the format shorthands; each subclass says what save() does with them.
import { userError } from "../errors.ts";
import type { SaveMode } from "../plugin/contract.ts";
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

export abstract class WriterSettings {
  protected formatName?: string;
  protected saveMode: SaveMode = "errorifexists";
  protected readonly opts: Record<string, string> = {};
  protected partitionCols: string[] = [];

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

  /** Writes to `path` (or the `path` option) in the chosen format and save mode. */
  abstract save(path?: string): Promise<void>;

  parquet(path: string): Promise<void> { this.formatName = "parquet"; return this.save(path); }
  json(path: string): Promise<void> { this.formatName = "json"; return this.save(path); }
  csv(path: string): Promise<void> { this.formatName = "csv"; return this.save(path); }
  text(path: string): Promise<void> { this.formatName = "text"; return this.save(path); }
}
