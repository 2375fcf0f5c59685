// The JSON Schema of a declarative pipeline file (`sluice run pipeline.json`), published by
// `sluice schema pipeline`. Plugin options inside it are checked afterwards by each plugin's own
// options schema (the same check readStream / writeStream make).

const optionValue = { type: ["string", "number", "boolean"] };

const trigger = {
  description: "When micro-batches run (default: as soon as the previous one ends).",
  oneOf: [
    {
      type: "object", additionalProperties: false, required: ["processingTime"],
      properties: { processingTime: { type: ["string", "number"], description: 'An interval: "10 seconds", or milliseconds.' } },
    },
    { type: "object", additionalProperties: false, required: ["once"], properties: { once: { const: true } } },
    {
      type: "object", additionalProperties: false, required: ["availableNow"],
      properties: { availableNow: { const: true, description: "Process what is available now, in batches, then stop." } },
    },
    { type: "object", additionalProperties: false, required: ["continuous"], properties: { continuous: { type: ["string", "number"] } } },
    {
      type: "object", additionalProperties: false, required: ["realTime"],
      properties: { realTime: { type: ["string", "number"], description: 'Real-time mode: records flow through as they arrive; progress is checkpointed at this interval ("5 minutes").' } },
    },
  ],
};

export const pipelineSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://sluice.dev/schemas/pipeline.json",
  title: "Sluice declarative pipeline",
  description: "Named sources, SQL queries over them and a sink per query. String values may use ${VAR} or ${VAR:-default} (environment variables).",
  type: "object",
  additionalProperties: false,
  required: ["queries"],
  properties: {
    $schema: { type: "string" },
    name: { type: "string", description: "The application name (spark.app.name)." },
    description: { type: "string" },
    conf: {
      type: "object", description: "Session configuration, e.g. spark.sql.session.timeZone.",
      additionalProperties: optionValue,
    },
    sources: {
      type: "object",
      description: "Relations the queries read, each registered as a temp view under its name.",
      propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      additionalProperties: {
        type: "object", additionalProperties: false, required: ["format"],
        properties: {
          format: { type: "string", description: "A source plugin: json, csv, parquet, text, kafka, rate, socket, …" },
          options: { type: "object", additionalProperties: optionValue, description: "The plugin's options (see `sluice plugins describe FORMAT`)." },
          schema: { type: "string", description: 'The schema as DDL: "id INT, name STRING, ts TIMESTAMP".' },
          stream: { type: "boolean", default: true, description: "false: read once as a static (batch) relation, for stream-static joins." },
          watermark: {
            type: "object", additionalProperties: false, required: ["column", "delay"],
            properties: {
              column: { type: "string", description: "The event-time column." },
              delay: { type: "string", description: 'How late data may arrive: "10 minutes".' },
            },
          },
        },
      },
    },
    views: {
      type: "object",
      description: "Temp views defined by SQL over the sources (and earlier views), in order.",
      propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      additionalProperties: { type: "string" },
    },
    queries: {
      type: "object", minProperties: 1,
      description: "Streaming queries, by query name: the SQL, its sink, output mode, trigger and checkpoint.",
      additionalProperties: {
        type: "object", additionalProperties: false, required: ["sql", "sink"],
        properties: {
          sql: { type: "string", description: "A Spark SQL query over the sources and views; it must read a stream." },
          sink: {
            type: "object", additionalProperties: false, required: ["format"],
            properties: {
              format: { type: "string", description: "A sink plugin: console, memory, json, csv, parquet, kafka, postgres, …" },
              options: { type: "object", additionalProperties: optionValue },
            },
          },
          outputMode: { enum: ["append", "update", "complete"], default: "append" },
          trigger,
          checkpointLocation: { type: "string" },
        },
      },
    },
    afterQueries: {
      type: "array",
      description: "Batch SQL run once every query has ended (e.g. over memory-sink tables); each result is printed.",
      items: {
        type: "object", additionalProperties: false, required: ["sql"],
        properties: {
          title: { type: "string", description: "A line printed before the result." },
          sql: { type: "string" },
          show: { type: "integer", minimum: 0, default: 20, description: "How many rows to print." },
          truncate: { type: ["boolean", "integer"], default: true },
        },
      },
    },
  },
} as const;

export interface PipelineSpec {
  name?: string;
  description?: string;
  conf?: Record<string, string | number | boolean>;
  sources?: Record<string, {
    format: string;
    options?: Record<string, string | number | boolean>;
    schema?: string;
    stream?: boolean;
    watermark?: { column: string; delay: string };
  }>;
  views?: Record<string, string>;
  queries: Record<string, {
    sql: string;
    sink: { format: string; options?: Record<string, string | number | boolean> };
    outputMode?: "append" | "update" | "complete";
    trigger?: { processingTime?: string | number; once?: true; availableNow?: true; continuous?: string | number; realTime?: string | number };
    checkpointLocation?: string;
  }>;
  afterQueries?: { title?: string; sql: string; show?: number; truncate?: boolean | number }[];
}
