// Spark's `rate-micro-batch` source: exactly `rowsPerBatch` rows per micro-batch whatever the
// trigger or the lag, so batch i always holds values i*rowsPerBatch … and the timestamp
// startTimestamp + i*advanceMillisPerBatch. As in Spark's RatePerMicroBatchStream the offset is
// {offset: rows so far, timestamp: ms}, the same JSON Spark writes to offsets/N.
import { defineSource, internalError, userError, LONG, StructField, StructType, TIMESTAMP, type Offset, type Row, type SourceReader } from "sluice/plugin-sdk";

export interface RateMicroBatchOptions {
  rowsPerBatch: number;
  numPartitions?: number;
  startTimestamp: number;
  advanceMillisPerBatch: number;
}

export interface RateMicroBatchOffset {
  /** Rows generated before this point: the next batch starts at this value. */
  offset: number;
  /** The timestamp (epoch ms) of the rows in the batch starting here. */
  timestamp: number;
}

export const RATE_MICRO_BATCH_SCHEMA = new StructType([
  new StructField("timestamp", TIMESTAMP, true),
  new StructField("value", LONG, true),
]);

const DEFAULT_PARTITIONS = 1;
const INT_MAX = 2147483647;

const rateMicroBatch = defineSource<RateMicroBatchOptions>({
  name: "rate-micro-batch",
  summary: "Generates a fixed number of rows per micro-batch, with deterministic values and timestamps (for tests).",
  userSchema: "none",
  options: {
    type: "object",
    additionalProperties: false,
    required: ["rowsPerBatch"],
    properties: {
      rowsPerBatch: {
        type: "integer",
        exclusiveMinimum: 0,
        description: "How many rows each micro-batch holds.",
      },
      numPartitions: {
        type: "integer",
        exclusiveMinimum: 0,
        maximum: INT_MAX,
        description:
          "The number of partitions the rows are spread over (rows come out partition by partition). Default: Spark's default parallelism, which is 1 in Sluice.",
      },
      startTimestamp: {
        type: "integer",
        minimum: 0,
        default: 0,
        description: "The timestamp (epoch milliseconds) of the rows in the first batch.",
      },
      advanceMillisPerBatch: {
        type: "integer",
        minimum: 0,
        maximum: INT_MAX,
        default: 1000,
        description: "How far the generated timestamp moves forward, in milliseconds, from one batch to the next.",
      },
    },
  },
  examples: [
    { title: "Ten rows per batch, one second apart", options: { rowsPerBatch: 10 } },
    {
      title: "Batches starting at 2024-01-01T00:00:00Z, a minute apart",
      options: { rowsPerBatch: 100, startTimestamp: 1704067200000, advanceMillisPerBatch: 60000 },
    },
  ],
  schema(_options, userSchema) {
    if (userSchema !== undefined) throw userSchemaError();
    return RATE_MICRO_BATCH_SCHEMA;
  },
  create(options, ctx) {
    if (ctx.userSchema !== undefined) throw userSchemaError();
    // Spark's table can only be streamed; spark.read falls back to v1 and finds no relation.
    if (!ctx.streaming) {
      throw userError("_LEGACY_ERROR_TEMP_1135", "rate-micro-batch is not a valid Spark SQL Data Source.");
    }
    return new RateMicroBatchReader(options);
  },
});

export default rateMicroBatch;

/** Spark's error (when .schema(...) is given), from DataSourceV2Utils.getTableFromProvider. */
function userSchemaError() {
  return userError("_LEGACY_ERROR_TEMP_2242", "RatePerMicroBatchProvider source does not support user-specified schema.");
}

class RateMicroBatchReader implements SourceReader {
  readonly schema = RATE_MICRO_BATCH_SCHEMA;
  readonly description: string;
  readonly #rowsPerBatch: number;
  readonly #partitions: number;
  readonly #startTimestamp: number;
  readonly #advanceMs: number;
  /** Set by prepareForTriggerAvailableNow: the one offset an AvailableNow run reads up to. */
  #availableNowEnd: RateMicroBatchOffset | undefined;
  #availableNow = false;

  constructor(o: RateMicroBatchOptions) {
    this.#rowsPerBatch = o.rowsPerBatch;
    this.#partitions = o.numPartitions ?? DEFAULT_PARTITIONS;
    this.#startTimestamp = o.startTimestamp;
    this.#advanceMs = o.advanceMillisPerBatch;
    this.description = `RatePerMicroBatchStream[rowsPerBatch=${o.rowsPerBatch}, numPartitions=${this.#partitions}, ` +
      `startTimestamp=${o.startTimestamp}, advanceMsPerBatch=${o.advanceMillisPerBatch}]`;
  }

  /** Always one batch further: the read limit is ignored, as in Spark. */
  latestOffset(start: Offset): Offset {
    if (this.#availableNow) {
      this.#availableNowEnd ??= this.#next(start);
      return { ...this.#availableNowEnd };
    }
    return { ...this.#next(start) };
  }

  /**
   * Trigger.AvailableNow: like Spark, the run reads exactly one batch past `start` (the offset the
   * query resumes from; null for a new query), and later latestOffset calls return that same end.
   */
  prepareForTriggerAvailableNow(start: Offset = null): Offset {
    this.#availableNow = true;
    this.#availableNowEnd = this.#next(start);
    return { ...this.#availableNowEnd };
  }

  getBatch(start: Offset, end: Offset): Row[] {
    const s = this.#parse(start);
    const e = this.#parse(end);
    if (s.offset > e.offset) throw internalError(`startOffset(${s.offset}) > endOffset(${e.offset})`);
    if (s.timestamp > e.timestamp) throw internalError(`startTimestamp(${s.timestamp}) > endTimestamp(${e.timestamp})`);
    const rows: Row[] = [];
    const micros = s.timestamp * 1000;
    // Partition by partition, as Spark's partition readers hand them out: p, p + n, p + 2n, …
    for (let p = 0; p < this.#partitions; p++) {
      for (let value = s.offset + p; value < e.offset; value += this.#partitions) rows.push([micros, value]);
    }
    return rows;
  }

  commit(): void {}

  stop(): void {}

  #next(start: Offset): RateMicroBatchOffset {
    const s = this.#parse(start);
    return {
      offset: Math.min(s.offset + this.#rowsPerBatch, Number.MAX_SAFE_INTEGER),
      timestamp: s.timestamp + this.#advanceMs,
    };
  }

  #parse(offset: Offset): RateMicroBatchOffset {
    if (offset === null) return { offset: 0, timestamp: this.#startTimestamp };
    const o = (typeof offset === "string" ? JSON.parse(offset) : offset) as Partial<RateMicroBatchOffset>;
    if (typeof o !== "object" || o === null || !Number.isSafeInteger(o.offset) || !Number.isSafeInteger(o.timestamp)) {
      throw internalError(
        `The type of Offset should be RatePerMicroBatchStreamOffset, found ${JSON.stringify(offset)}.`,
      );
    }
    return { offset: o.offset!, timestamp: o.timestamp! };
  }
}
