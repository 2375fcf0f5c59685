// spark.readStream / spark.read of a remote session: a Read relation (format, schema, options,
// paths) for the server to resolve. A Sluice plugin format is refused here, by name.
import { StructType } from "../../types/data_type.ts";
import { parseSchemaDDL } from "../../types/ddl.ts";
import type { OptionValue } from "../../api/data_stream_reader.ts";
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
  load(path?: string): ConnectDataFrame {
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
  json(path: string): ConnectDataFrame { this.formatName = "json"; return this.load(path); }
  csv(path: string): ConnectDataFrame { this.formatName = "csv"; return this.load(path); }
  text(path: string): ConnectDataFrame { this.formatName = "text"; return this.load(path); }
  parquet(path: string): ConnectDataFrame { this.formatName = "parquet"; return this.load(path); }
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
