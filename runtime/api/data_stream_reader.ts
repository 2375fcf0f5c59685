// spark.readStream / spark.read: format, options, schema, load. The source plugin's options are
// validated here (so a typo fails at once), and its schema fixes the DataFrame's columns.
import { attributesOf } from "../plan/attribute.ts";
import type { Plan, SourceSpec } from "../plan/plan.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import { warnNoEffectOptions } from "../plugin/no_effect_options.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import type { StructType } from "../types/data_type.ts";
import { DataFrame } from "./data_frame.ts";
import type { SparkSession } from "./session.ts";

export type OptionValue = string | number | boolean;

class ReaderBase<Self> {
  protected formatName?: string;
  protected readonly opts: Record<string, string> = {};
  protected userSchema?: StructType;

  constructor(protected readonly session: SparkSession, private readonly streaming: boolean) {}

  format(source: string): Self {
    this.formatName = source;
    return this as unknown as Self;
  }
  option(key: string, value: OptionValue | null): Self {
    if (value === null || value === undefined) delete this.opts[key];
    else this.opts[key] = String(value);
    return this as unknown as Self;
  }
  options(opts: Record<string, OptionValue | null>): Self {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this as unknown as Self;
  }
  /** A StructType or a DDL string such as "transaction_id STRING, amount DOUBLE". */
  schema(schema: StructType | string): Self {
    this.userSchema = typeof schema === "string" ? parseSchemaDDL(schema) : schema;
    return this as unknown as Self;
  }

  load(path?: string): DataFrame {
    if (path !== undefined) this.opts.path = path;
    const format = this.formatName ?? this.session.conf.get("spark.sql.sources.default") ?? "parquet";
    const def = this.session.plugins.registry.source(format);
    const validated = validateOptions(def, this.opts, { engineOptions: ["path"] });
    warnNoEffectOptions(def, this.opts, this.session.log);
    const schema = def.schema(validated, this.userSchema, { streaming: this.streaming, conf: (k) => this.session.conf.get(k) });
    const source: SourceSpec = Object.freeze({ format: def.name, options: Object.freeze({ ...this.opts }), userSchema: this.userSchema });
    const plan: Plan = Object.freeze({
      kind: "source", source, sourceId: this.session.nextSourceId(), output: attributesOf(schema), streaming: this.streaming,
    });
    return new DataFrame(this.session, plan);
  }

  // Shorthands, as PySpark's readers have.
  json(path: string): DataFrame { this.formatName = "json"; return this.load(path); }
  csv(path: string): DataFrame { this.formatName = "csv"; return this.load(path); }
  text(path: string): DataFrame { this.formatName = "text"; return this.load(path); }
  parquet(path: string): DataFrame { this.formatName = "parquet"; return this.load(path); }
}

/** spark.readStream */
export class DataStreamReader extends ReaderBase<DataStreamReader> {
  constructor(session: SparkSession) {
    super(session, true);
  }
  /** A memory-sink table or temp view, read as a stream where it is streaming. */
  table(name: string): DataFrame {
    return this.session.table(name);
  }
}

/** spark.read */
export class DataFrameReader extends ReaderBase<DataFrameReader> {
  constructor(session: SparkSession) {
    super(session, false);
  }
  table(name: string): DataFrame {
    return this.session.table(name);
  }
}
