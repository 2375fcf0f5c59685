// The Kafka source's options: the JSON Schema (validation, docs, `sluice plugins describe`) and
// Spark's own checks from KafkaSourceProvider, with Spark's messages, run when the DataFrame is
// built and again when the reader is created.
import { userError, timeStringAsMs, type OptionsSchema } from "sluice/plugin-sdk";
import { EARLIEST, LATEST, parseAssign, parsePartitionOffsets, type PartitionOffsets, type TopicPartition } from "./offsets.ts";

export interface KafkaSourceOptions {
  subscribe?: string;
  subscribePattern?: string;
  assign?: string;
  startingOffsets?: string;
  startingTimestamp?: string | number;
  startingOffsetsByTimestamp?: string;
  startingOffsetsByTimestampStrategy: "error" | "latest";
  endingOffsets?: string;
  failOnDataLoss: boolean;
  maxOffsetsPerTrigger?: number;
  minOffsetsPerTrigger?: number;
  maxTriggerDelay: string;
  minPartitions?: number;
  groupIdPrefix: string;
  includeHeaders: boolean;
  commitOffsetsToGroup?: string;
  /** Everything named kafka.* (the client's settings), as the user spelled it. */
  [kafkaKey: `kafka.${string}`]: unknown;
}

/** Where to start or stop: a keyword, per-partition offsets, or a time (ms) for every partition. */
export type OffsetSpec =
  | { kind: "earliest" }
  | { kind: "latest" }
  | { kind: "offsets"; offsets: PartitionOffsets }
  | { kind: "timestamp"; timestampMs: number }
  | { kind: "timestamps"; perPartition: Map<string, number> };

export type TopicStrategy =
  | { kind: "subscribe"; topics: string[] }
  | { kind: "subscribePattern"; pattern: RegExp; source: string }
  | { kind: "assign"; partitions: TopicPartition[] };

/** What the reader needs, resolved from the options. */
export interface KafkaSourceSettings {
  strategy: TopicStrategy;
  starting: OffsetSpec;
  ending: OffsetSpec;
  failOnDataLoss: boolean;
  maxOffsetsPerTrigger?: number;
  minOffsetsPerTrigger?: number;
  maxTriggerDelayMs: number;
  includeHeaders: boolean;
  groupIdPrefix: string;
  commitOffsetsToGroup?: string;
  startingOffsetsByTimestampStrategy: "error" | "latest";
  /** The kafka.* options with the prefix removed and names lower-cased. */
  kafkaParams: Map<string, string>;
}

const STRATEGY_KEYS = ["subscribe", "subscribepattern", "assign"];

export const KAFKA_SOURCE_OPTIONS: OptionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    "kafka.bootstrap.servers": {
      type: "string",
      description: "Comma-separated host:port list of the Kafka brokers to start from (required).",
    },
    subscribe: { type: "string", description: "Comma-separated topics to read. Exactly one of subscribe, subscribePattern and assign." },
    subscribePattern: { type: "string", description: "A regular expression: every matching topic is read, including topics created later." },
    assign: { type: "string", description: 'Exact partitions to read, as JSON: {"topicA":[0,1],"topicB":[2,4]}.' },
    startingOffsets: {
      type: "string",
      description:
        'Where a new query starts: "earliest", "latest" (the default for streaming; "earliest" for batch reads) or JSON ' +
        '{"topicA":{"0":23,"1":-2}} (-2 earliest, -1 latest). A restarted query resumes from its checkpoint instead.',
    },
    startingTimestamp: {
      type: ["string", "integer"],
      description: "Start every partition at the first offset whose timestamp is at or after this time (epoch ms).",
    },
    startingOffsetsByTimestamp: {
      type: "string",
      description: 'Per-partition start times as JSON: {"topicA":{"0":1700000000000}} (epoch ms).',
    },
    startingOffsetsByTimestampStrategy: {
      enum: ["error", "latest"],
      default: "error",
      description: "When no offset matches a start time: fail (error) or start at the latest offset (latest).",
    },
    endingOffsets: {
      type: "string",
      description: 'Batch reads only: where to stop, "latest" (default) or JSON like startingOffsets (-1 latest).',
    },
    failOnDataLoss: {
      type: "boolean",
      default: true,
      description:
        "Fail the query when offsets it needs are gone (aged out, topic deleted or re-created). When false, the lost range is skipped with a warning.",
    },
    maxOffsetsPerTrigger: {
      type: "integer",
      exclusiveMinimum: 0,
      description: "At most this many offsets per micro-batch, split over partitions in proportion to their backlog.",
    },
    minOffsetsPerTrigger: {
      type: "integer",
      exclusiveMinimum: 0,
      description: "Wait until this many new offsets are available (or maxTriggerDelay has passed) before running a batch.",
    },
    maxTriggerDelay: {
      type: "string",
      format: "duration",
      default: "15m",
      description: "With minOffsetsPerTrigger: run a batch anyway after this long.",
    },
    minPartitions: {
      type: "integer",
      exclusiveMinimum: 0,
      description: "Accepted for compatibility with Spark; Sluice reads each batch in one task.",
    },
    groupIdPrefix: {
      type: "string",
      default: "spark-kafka-source",
      description: "Prefix of the consumer group id Sluice's consumer identifies itself with (unless kafka.group.id is set).",
    },
    includeHeaders: { type: "boolean", default: false, description: "Add the `headers` column: array<struct<key: string, value: binary>>." },
    commitOffsetsToGroup: {
      type: "string",
      minLength: 1,
      description:
        "Beyond Spark: after each committed micro-batch, commit the offsets it read to this consumer group, so Kafka's own tools show the query's lag. Sluice never reads them back: the checkpoint stays the source of truth.",
    },
  },
  patternProperties: {
    "^kafka\\.": {
      type: ["string", "number", "boolean"],
      description:
        "Settings for the Kafka client, as in Spark (kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.jaas.config, kafka.isolation.level, kafka.request.timeout.ms, kafka.default.api.timeout.ms, …).",
    },
  },
};

/** The kafka.* options without the prefix, names lower-cased, values as strings. */
export function kafkaParamsOf(options: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(options)) {
    if (k.toLowerCase().startsWith("kafka.") && v !== undefined && v !== null) out.set(k.slice(6).toLowerCase(), String(v));
  }
  return out;
}

const illegal = (message: string) => userError("ILLEGAL_ARGUMENT", message);

/** Spark's validateGeneralOptions + validateStreamOptions / validateBatchOptions, then the settings. */
export function sourceSettings(options: KafkaSourceOptions, streaming: boolean): KafkaSourceSettings {
  const o = options as unknown as Record<string, unknown>;
  const given = (name: string) => Object.keys(o).some((k) => k.toLowerCase() === name && o[k] !== undefined);
  const { strategy, params } = generalChecks(options);

  const offsetOptions = ["startingOffsets", "startingTimestamp", "startingOffsetsByTimestamp"].filter((n) => given(n.toLowerCase()));
  if (offsetOptions.length > 1) {
    // Spark takes the timestamp ones first; naming more than one is almost certainly a mistake.
    throw illegal(`Only one of ${offsetOptions.join(", ")} can be specified for Kafka source.`);
  }
  const starting = startingSpec(options, streaming);
  let ending: OffsetSpec = { kind: "latest" };
  if (streaming) {
    if (options.endingOffsets !== undefined) throw illegal("ending offset not valid in streaming queries");
  } else {
    if (starting.kind === "latest") throw illegal("starting offset can't be latest for batch queries on Kafka");
    if (starting.kind === "offsets") {
      for (const [tp, off] of starting.offsets) {
        if (off === LATEST) throw illegal(`startingOffsets for ${tpText(tp)} can't be latest for batch queries on Kafka`);
      }
    }
    ending = offsetSpec(options.endingOffsets, "endingOffsets", { kind: "latest" });
    if (ending.kind === "earliest") throw illegal("ending offset can't be earliest for batch queries on Kafka");
    if (ending.kind === "offsets") {
      for (const [tp, off] of ending.offsets) {
        if (off === EARLIEST) throw illegal(`endingOffsets for ${tpText(tp)} can't be earliest for batch queries on Kafka`);
      }
    }
  }
  if (options.minOffsetsPerTrigger !== undefined && options.maxOffsetsPerTrigger !== undefined &&
    options.minOffsetsPerTrigger > options.maxOffsetsPerTrigger) {
    throw illegal(
      `The value of minOffsetPerTrigger(${options.minOffsetsPerTrigger}) is higher than the maxOffsetsPerTrigger(${options.maxOffsetsPerTrigger}).`,
    );
  }
  return {
    strategy,
    starting,
    ending,
    failOnDataLoss: options.failOnDataLoss,
    maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
    minOffsetsPerTrigger: options.minOffsetsPerTrigger,
    maxTriggerDelayMs: timeStringAsMs(options.maxTriggerDelay),
    includeHeaders: options.includeHeaders,
    groupIdPrefix: options.groupIdPrefix,
    commitOffsetsToGroup: options.commitOffsetsToGroup,
    startingOffsetsByTimestampStrategy: options.startingOffsetsByTimestampStrategy,
    kafkaParams: params,
  };
}

/** Spark's validateGeneralOptions: the checks that hold for streaming and batch reads alike. */
export function generalChecks(options: KafkaSourceOptions): { strategy: TopicStrategy; params: Map<string, string> } {
  const o = options as unknown as Record<string, unknown>;
  const given = (name: string) => Object.keys(o).some((k) => k.toLowerCase() === name && o[k] !== undefined);
  const strategies = STRATEGY_KEYS.filter(given);
  if (strategies.length === 0) {
    throw illegal(`One of the following options must be specified for Kafka source: ${STRATEGY_KEYS.join(", ")}. See the docs for more details.`);
  }
  if (strategies.length > 1) {
    throw illegal(`Only one of the following options can be specified for Kafka source: ${STRATEGY_KEYS.join(", ")}. See the docs for more details.`);
  }
  const strategy = topicStrategy(options);
  const params = kafkaParamsOf(o);
  checkConsumerParams(params);
  return { strategy, params };
}

function tpText(key: string): string {
  const i = key.lastIndexOf("\u0000");
  return `${key.slice(0, i)}-${key.slice(i + 1)}`;
}

function topicStrategy(o: KafkaSourceOptions): TopicStrategy {
  if (o.subscribe !== undefined) {
    const topics = o.subscribe.split(",").map((t) => t.trim()).filter((t) => t.length > 0);
    if (topics.length === 0) throw illegal(`No topics to subscribe to as specified topics string is '${o.subscribe}'`);
    return { kind: "subscribe", topics };
  }
  if (o.subscribePattern !== undefined) {
    const source = o.subscribePattern.trim();
    if (source.length === 0) {
      throw illegal(`Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${o.subscribePattern}'`);
    }
    let pattern: RegExp;
    try {
      // Java's Pattern.matcher(topic).matches(): the whole name must match.
      pattern = new RegExp(`^(?:${source})$`, "u");
    } catch (e) {
      throw illegal(`Invalid subscribePattern '${source}': ${(e as Error).message}`);
    }
    return { kind: "subscribePattern", pattern, source };
  }
  return { kind: "assign", partitions: parseAssign(o.assign!) };
}

function startingSpec(o: KafkaSourceOptions, streaming: boolean): OffsetSpec {
  if (o.startingOffsetsByTimestamp !== undefined) {
    const perPartition = parsePartitionOffsets(o.startingOffsetsByTimestamp, "startingOffsetsByTimestamp");
    return { kind: "timestamps", perPartition };
  }
  if (o.startingTimestamp !== undefined) {
    const ms = Number(o.startingTimestamp);
    if (!Number.isSafeInteger(ms) || ms < 0) throw illegal(`startingTimestamp must be an epoch time in milliseconds, got '${o.startingTimestamp}'`);
    return { kind: "timestamp", timestampMs: ms };
  }
  return offsetSpec(o.startingOffsets, "startingOffsets", streaming ? { kind: "latest" } : { kind: "earliest" });
}

function offsetSpec(text: string | undefined, option: string, fallback: OffsetSpec): OffsetSpec {
  if (text === undefined) return fallback;
  const t = text.trim();
  if (t.toLowerCase() === "earliest") return { kind: "earliest" };
  if (t.toLowerCase() === "latest") return { kind: "latest" };
  return { kind: "offsets", offsets: parsePartitionOffsets(t, option) };
}

/** Spark's refusals of consumer settings Structured Streaming manages itself. */
function checkConsumerParams(params: Map<string, string>): void {
  if (params.has("auto.offset.reset")) {
    throw illegal(
      "Kafka option 'auto.offset.reset' is not supported.\n" +
        "Instead set the source option 'startingoffsets' to 'earliest' or 'latest'\n" +
        "to specify where to start. Structured Streaming manages which offsets are consumed\n" +
        "internally, rather than relying on the kafkaConsumer to do it. This will ensure that no\n" +
        "data is missed when new topics/partitions are dynamically subscribed. Note that\n" +
        "'startingoffsets' only applies when a new Streaming query is started, and\n" +
        "that resuming will always pick up from where the query left off. See the docs for more\n" +
        "details.",
    );
  }
  if (params.has("key.deserializer")) {
    throw illegal(
      "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.",
    );
  }
  if (params.has("value.deserializer")) {
    throw illegal(
      "Kafka option 'value.deserializer' is not supported as values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the values.",
    );
  }
  for (const c of ["enable.auto.commit", "interceptor.classes"]) {
    if (params.has(c)) throw illegal(`Kafka option '${c}' is not supported`);
  }
  if (!params.has("bootstrap.servers")) {
    throw illegal("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }
}
