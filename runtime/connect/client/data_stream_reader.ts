// spark.readStream / spark.read of a remote session: a Read relation (format, schema, options,
// paths) for the server to resolve. A Sluice plugin format is refused here, by name.
import { StructType } from "../../types/data_type.ts";
import { parseSchemaDDL } from "../../types/ddl.ts";
import type { OptionValue, ReaderArgument, ReaderKeywords } from "../../api/data_stream_reader.ts";
import { callArguments, optionText, pathText } from "../../api/keyword_arguments.ts";
import type { ConnectDataFrame } from "./data_frame.ts";
import type { ConnectSparkSession } from "./session.ts";
import { pluginRefused, SPARK_FORMATS } from "./remote_unsupported.ts";

class ConnectReaderBase<Self> {
  protected formatName?: string;
  protected readonly opts: Record<string, string> = {};
  protected schemaDDL?: string;

  constructor(protected readonly session: ConnectSparkSession, private readonly streaming: boolean) {}

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
  schema(schema: StructType | string): Self {
    // A DDL string is checked here (a typo fails at once, as embedded) and sent as written.
    this.schemaDDL = typeof schema === "string" ? (parseSchemaDDL(schema), schema) : schema.fields.map((f) => `\`${f.name.replaceAll("`", "``")}\` ${f.dataType.sql()}${f.nullable ? "" : " NOT NULL"}`).join(", ");
    return this as unknown as Self;
  }
  /**
   * PySpark's load(path=None, format=None, schema=None, **options), as the embedded reader takes
   * it (positional, then keywords last): `load(path, { format: "json", maxFilesPerTrigger: 1 })`.
   */
  load(path?: string | ReaderKeywords | null, format?: string | ReaderKeywords | null, schema?: StructType | string | ReaderKeywords | null, keywords?: ReaderKeywords): ConnectDataFrame {
    const method = `${this.streaming ? "DataStreamReader" : "DataFrameReader"}.load`;
    const { named, options } = callArguments(method, [path, format, schema, keywords]);
    if (named.format !== undefined) this.format(String(named.format));
    return this.call(method, named, options);
  }

  /** Applies a call's keywords (schema, then options, sent to the server as options) and loads. */
  private call(method: string, named: Record<string, unknown>, options: Record<string, unknown>): ConnectDataFrame {
    const { path, paths, format: _format, schema, ...optionKeywords } = named;
    if (schema !== undefined) this.schema(schema as StructType | string);
    for (const [k, v] of Object.entries({ ...optionKeywords, ...options })) this.option(k, optionText(k, v));
    const given = path ?? paths;
    return this.loadPath(given === undefined ? undefined : pathText(method.slice(method.indexOf(".") + 1), given));
  }

  private loadPath(path?: string): ConnectDataFrame {
    const format = this.formatName;
    if (format !== undefined && !SPARK_FORMATS.has(format.toLowerCase()) && this.session.isSluicePlugin("source", format)) {
      throw pluginRefused("source", format);
    }
    return this.session.dataFrameOf({
      case: "read",
      value: {
        isStreaming: this.streaming,
        readType: {
          case: "dataSource",
          value: { format, schema: this.schemaDDL, options: { ...this.opts }, paths: path === undefined ? [] : [path] },
        },
      },
    });
  }

  // Shorthands with PySpark's parameters, as the embedded reader: json(path, schema, { multiLine: true }).
  json(path: string, ...args: ReaderArgument[]): ConnectDataFrame { return this.shorthand("json", path, args); }
  csv(path: string, ...args: ReaderArgument[]): ConnectDataFrame { return this.shorthand("csv", path, args); }
  text(path: string, ...args: ReaderArgument[]): ConnectDataFrame { return this.shorthand("text", path, args); }
  parquet(path: string, ...args: ReaderArgument[]): ConnectDataFrame { return this.shorthand("parquet", path, args); }

  private shorthand(format: string, path: string, args: readonly ReaderArgument[]): ConnectDataFrame {
    const method = `${this.streaming ? "DataStreamReader" : "DataFrameReader"}.${format}`;
    // DataFrameReader.parquet(*paths, **options): the path is one of the paths.
    const { named, options } = format === "parquet" && !this.streaming
      ? { ...callArguments(method, args), named: { path } }
      : callArguments(method, [path, ...args]);
    this.formatName = format;
    return this.call(method, named, options);
  }
  table(name: string): ConnectDataFrame {
    return this.session.dataFrameOf({
      case: "read",
      value: { isStreaming: this.streaming, readType: { case: "namedTable", value: { unparsedIdentifier: name, options: { ...this.opts } } } },
    });
  }
}

export class ConnectDataStreamReader extends ConnectReaderBase<ConnectDataStreamReader> {
  constructor(session: ConnectSparkSession) {
    super(session, true);
  }
}

export class ConnectDataFrameReader extends ConnectReaderBase<ConnectDataFrameReader> {
  constructor(session: ConnectSparkSession) {
    super(session, false);
  }
}
