// spark.readStream / spark.read: format, options, schema, load. The source plugin's options are
// validated here (so a typo fails at once), and its schema fixes the DataFrame's columns.
import { attributesOf } from "../plan/attribute.ts";
import type { Plan, SourceSpec } from "../plan/plan.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import { warnNoEffectOptions } from "../plugin/no_effect_options.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import type { StructType } from "../types/data_type.ts";
import { splitName } from "./catalog.ts";
import { DataFrame } from "./data_frame.ts";
import { callArguments, optionText, pathText } from "./keyword_arguments.ts";
import type { SparkSession } from "./session.ts";

export type OptionValue = string | number | boolean;

/**
 * PySpark's keyword arguments of a reader method, as an object (`{ header: true, schema }` for
 * `header=True, schema=schema`); null or undefined is Python's None (not set).
 */
export type ReaderKeywords = { schema?: StructType | string | null; format?: string | null } & Record<string, OptionValue | StructType | null | undefined>;
/** What follows the path in a shorthand: PySpark's next parameters in order (schema first), then optionally the keywords. */
export type ReaderArgument = StructType | OptionValue | ReaderKeywords | null | undefined;

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

  /**
   * PySpark's load(path=None, format=None, schema=None, **options): `load(path)`,
   * `load(path, "json", "a INT")`, or keywords last: `load(path, { format: "json", maxFilesPerTrigger: 1 })`.
   */
  load(path?: string | ReaderKeywords | null, format?: string | ReaderKeywords | null, schema?: StructType | string | ReaderKeywords | null, keywords?: ReaderKeywords): DataFrame {
    const method = `${this.streaming ? "DataStreamReader" : "DataFrameReader"}.load`;
    const { named, options } = callArguments(method, [path, format, schema, keywords]);
    if (named.format !== undefined) this.format(String(named.format));
    return this.call(method, named, options);
  }

  /** Applies a call's keywords (schema, then options) and loads. */
  private call(method: string, named: Record<string, unknown>, options: Record<string, unknown>): DataFrame {
    const { path, paths, format: _format, schema, ...optionKeywords } = named;
    if (schema !== undefined) this.schema(schema as StructType | string);
    for (const [k, v] of Object.entries({ ...optionKeywords, ...options })) this.option(k, optionText(k, v));
    const given = path ?? paths;
    return this.loadPath(given === undefined ? undefined : pathText(method.slice(method.indexOf(".") + 1), given));
  }

  private loadPath(path?: string): DataFrame {
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

  // Shorthands, as PySpark's readers have, with their parameters: json(path, schema, { multiLine: true }).
  json(path: string, ...args: ReaderArgument[]): DataFrame { return this.shorthand("json", path, args); }
  csv(path: string, ...args: ReaderArgument[]): DataFrame { return this.shorthand("csv", path, args); }
  text(path: string, ...args: ReaderArgument[]): DataFrame { return this.shorthand("text", path, args); }
  parquet(path: string, ...args: ReaderArgument[]): DataFrame { return this.shorthand("parquet", path, args); }

  private shorthand(format: string, path: string, args: readonly ReaderArgument[]): DataFrame {
    const method = `${this.streaming ? "DataStreamReader" : "DataFrameReader"}.${format}`;
    // DataFrameReader.parquet(*paths, **options): the path is one of the paths.
    const { named, options } = format === "parquet" && !this.streaming
      ? { ...callArguments(method, args), named: { path } }
      : callArguments(method, [path, ...args]);
    this.formatName = format;
    return this.call(method, named, options);
  }
}

/** spark.readStream */
export class DataStreamReader extends ReaderBase<DataStreamReader> {
  constructor(session: SparkSession) {
    super(session, true);
  }
  /** A memory-sink table or temp view, read as a stream where it is streaming. */
  /**
   * A streaming DataFrame of a table: a temp view as it is (streaming when its plan is); a catalog
   * table is streamed as Spark streams a file-source table, its format's source over its location.
   */
  table(name: string): DataFrame {
    const catalog = this.session.catalog;
    const t = name.includes(".") || !catalog.isTempView(name) ? catalog.catalogTable(splitName(name)) : undefined;
    if (!t) return this.session.table(name);
    return this.session.readStream.format(t.provider).options({ ...t.options }).schema(t.schema).load(t.location);
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
