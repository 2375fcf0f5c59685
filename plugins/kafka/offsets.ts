// Kafka offsets as Spark writes them to offsets/N: {"topic":{"0":534,"1":12}}, each number the next
// offset to read in that partition. Inside the plugin they are a Map keyed by "topic\0partition".
import { internalError, userError, type Offset } from "sluice/plugin-sdk";

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Next offset to read per topic-partition. */
export type PartitionOffsets = Map<string, number>;

/** Spark's -2 / -1 in startingOffsets / endingOffsets JSON. */
export const EARLIEST = -2;
export const LATEST = -1;

export const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export function tpOf(key: string): TopicPartition {
  const i = key.lastIndexOf("\u0000");
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

/** Kafka's TopicPartition.toString: `topic-0`. */
export const tpName = (key: string) => {
  const { topic, partition } = tpOf(key);
  return `${topic}-${partition}`;
};

/** Topic-partitions in Spark's order: by topic, then partition number. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => {
    const x = tpOf(a), y = tpOf(b);
    return x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition;
  });
}

/** The checkpoint form: topics and partitions in a stable order, so equal offsets are equal JSON. */
export function toJson(offsets: PartitionOffsets): Offset {
  const out: Record<string, Record<string, number>> = {};
  for (const key of sortedKeys(offsets.keys())) {
    const { topic, partition } = tpOf(key);
    (out[topic] ??= {})[String(partition)] = offsets.get(key)!;
  }
  return out;
}

/** Reads offsets written by toJson (or given by the user as startingOffsets / endingOffsets). */
export function fromJson(offset: Offset): PartitionOffsets {
  const value = typeof offset === "string" ? JSON.parse(offset) as Offset : offset;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw internalError(`Expected Kafka offsets like {"topic":{"0":23}}, got ${JSON.stringify(offset)}`);
  }
  const out: PartitionOffsets = new Map();
  for (const [topic, parts] of Object.entries(value)) {
    if (parts === null || typeof parts !== "object" || Array.isArray(parts)) {
      throw internalError(`Expected Kafka offsets like {"topic":{"0":23}}, got ${JSON.stringify(offset)}`);
    }
    for (const [p, o] of Object.entries(parts)) {
      if (!/^\d+$/.test(p) || typeof o !== "number" || !Number.isSafeInteger(o)) {
        throw internalError(`Expected Kafka offsets like {"topic":{"0":23}}, got ${JSON.stringify(offset)}`);
      }
      out.set(tpKey(topic, Number(p)), o);
    }
  }
  return out;
}

/** Parses the user's per-partition JSON (startingOffsets, endingOffsets), with Spark's message. */
export function parsePartitionOffsets(text: string, option: string): PartitionOffsets {
  try {
    return fromJson(JSON.parse(text) as Offset);
  } catch {
    throw userError(
      "ILLEGAL_ARGUMENT",
      `Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got ${text}`,
      { hint: `Option '${option}' takes "earliest", "latest" or such a JSON object (-2 = earliest, -1 = latest).` },
    );
  }
}

/** Parses the `assign` option: {"topicA":[0,1],"topicB":[2,4]}, with Spark's messages. */
export function parseAssign(text: string): TopicPartition[] {
  const bad = () =>
    userError("ILLEGAL_ARGUMENT", `Expected e.g. {"topicA":[0,1],"topicB":[0,1]}, got ${text}`);
  if (!text.trim().startsWith("{")) {
    throw userError("ILLEGAL_ARGUMENT", `No topicpartitions to assign as specified value for option 'assign' is '${text}'`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad();
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw bad();
  const out: TopicPartition[] = [];
  for (const [topic, parts] of Object.entries(value)) {
    if (!Array.isArray(parts) || parts.some((p) => !Number.isInteger(p) || p < 0)) throw bad();
    for (const p of parts as number[]) out.push({ topic, partition: p });
  }
  return out;
}
