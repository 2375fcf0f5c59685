// Spark's `rate` source: `rowsPerSecond` rows a second, optionally ramping up, with columns
// `timestamp` and `value` (0, 1, 2, …). As in Spark's RateStreamMicroBatchStream the offset is
// the number of whole seconds since the query first started; the rows of a range are computed
// from the range alone, so replaying it gives the same rows. Time comes from ctx.clock.
import { defineSource, internalError, SluiceError, userError, optionsError, timeStringAsSec, LONG, StructField, StructType, TIMESTAMP, type ChunkLimit, type Offset, type Row, type SourceReader } from "sluice/plugin-sdk";
import { startTimeMs } from "./start_time_log.ts";

export interface RateOptions {
  rowsPerSecond: number;
  rampUpTime: string;
  numPartitions?: number;
}

export const RATE_SCHEMA = new StructType([
  new StructField("timestamp", TIMESTAMP, true),
  new StructField("value", LONG, true),
]);

/** Spark's default parallelism stands in for an unset numPartitions; Sluice runs one partition. */
const DEFAULT_PARTITIONS = 1;

/** The end value emitted at `seconds` (Spark's RateStreamProvider.valueAtSecond). */
export function valueAtSecond(seconds: number, rowsPerSecond: number, rampUpTimeSeconds: number): number {
  // E.g. rampUpTimeSeconds = 4, rowsPerSecond = 10, so the speed grows by 2 a second:
  // seconds = 0 1 2 3 4 5 6; speed = 0 2 4 6 8 10 10; end value = 0 2 6 12 20 30 40
  const speedDeltaPerSecond = Math.floor(rowsPerSecond / (rampUpTimeSeconds + 1));
  if (seconds <= rampUpTimeSeconds) {
    // (speedDeltaPerSecond * seconds) * (seconds + 1) / 2, halving the even factor first.
    return seconds % 2 === 1
      ? ((seconds + 1) / 2) * speedDeltaPerSecond * seconds
      : (seconds / 2) * speedDeltaPerSecond * (seconds + 1);
  }
  const rampUpPart = valueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds);
  return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond;
}

const rate = defineSource<RateOptions>({
  name: "rate",
  summary: "Generates rows with an increasing value and a timestamp, at a fixed rate (for testing and benchmarks).",
  userSchema: "none",
  options: {
    type: "object",
    additionalProperties: false,
    properties: {
      rowsPerSecond: {
        type: "integer",
        exclusiveMinimum: 0,
        default: 1,
        description: "How many rows should be generated per second.",
      },
      rampUpTime: {
        type: "string",
        format: "duration",
        default: "0s",
        description:
          "How long to ramp up before the generating speed becomes rowsPerSecond. Finer granularities than seconds are truncated to whole seconds.",
      },
      numPartitions: {
        type: "integer",
        exclusiveMinimum: 0,
        maximum: 2147483647,
        description:
          "The number of partitions the generated rows are spread over (rows come out partition by partition). Default: Spark's default parallelism, which is 1 in Sluice.",
      },
    },
  },
  examples: [
    { title: "Ten rows a second", options: { rowsPerSecond: 10 } },
    { title: "Ramp up to 1000 rows a second over a minute", options: { rowsPerSecond: 1000, rampUpTime: "60s" } },
  ],
  schema(_options, userSchema) {
    if (userSchema !== undefined) throw userSchemaError();
    return RATE_SCHEMA;
  },
  async create(options, ctx) {
    if (ctx.userSchema !== undefined) throw userSchemaError();
    // Spark's rate table can only be streamed; spark.read falls back to v1 and finds no relation.
    if (!ctx.streaming) throw userError("_LEGACY_ERROR_TEMP_1135", "rate is not a valid Spark SQL Data Source.");
    const rampUpTimeSeconds = timeStringAsSec(options.rampUpTime);
    if (rampUpTimeSeconds < 0) {
      throw optionsError(rate, [{
        option: "rampUpTime",
        expected: "a duration that is not negative",
        given: JSON.stringify(options.rampUpTime),
      }]);
    }
    return new RateReader(
      options.rowsPerSecond,
      rampUpTimeSeconds,
      options.numPartitions,
      await startTimeMs(ctx.metadataDir, ctx.clock.nowMs()),
      ctx.clock,
    );
  },
});

export default rate;

/** Spark's error (when .schema(...) is given), from DataSourceV2Utils.getTableFromProvider. */
function userSchemaError() {
  return userError("_LEGACY_ERROR_TEMP_2242", "RateStreamProvider source does not support user-specified schema.");
}

class RateReader implements SourceReader {
  readonly schema = RATE_SCHEMA;
  readonly description: string;
  readonly #partitions: number;
  /** The largest end offset (in seconds) values stay exact for. */
  readonly #maxSeconds: number;
  #lastTimeMs: number;

  constructor(
    readonly rowsPerSecond: number,
    readonly rampUpTimeSeconds: number,
    numPartitions: number | undefined,
    readonly creationTimeMs: number,
    readonly clock: { nowMs(): number },
  ) {
    this.#partitions = numPartitions ?? DEFAULT_PARTITIONS;
    // Spark bounds values by Long.MaxValue; here values are JS numbers, exact up to 2^53.
    this.#maxSeconds = Math.floor(Number.MAX_SAFE_INTEGER / rowsPerSecond);
    if (rampUpTimeSeconds > this.#maxSeconds) {
      throw new SluiceError(
        "INCORRECT_RAMP_UP_RATE",
        `Max offset with ${rowsPerSecond} rowsPerSecond is ${this.#maxSeconds}, but 'rampUpTimeSeconds' is ${rampUpTimeSeconds}.`,
        { sqlState: "22003", kind: "user" },
      );
    }
    this.#lastTimeMs = creationTimeMs;
    // Spark's toString, unclosed bracket included, as it appears in progress reports.
    this.description = `RateStreamV2[rowsPerSecond=${rowsPerSecond}, rampUpTimeSeconds=${rampUpTimeSeconds}, ` +
      `numPartitions=${numPartitions ?? "default"}`;
  }

  latestOffset(start: Offset): Offset {
    const now = this.clock.nowMs();
    if (this.#lastTimeMs < now) this.#lastTimeMs = now;
    const seconds = Math.trunc((this.#lastTimeMs - this.creationTimeMs) / 1000);
    return Math.max(seconds, offsetSeconds(start));
  }

  getBatch(start: Offset, end: Offset): Row[] {
    const rows: Row[] = [];
    for (const chunk of this.readBatch(start, end, { maxRows: Infinity })) for (const r of chunk) rows.push(r);
    return rows;
  }

  /**
   * The same rows generated a chunk at a time: a source that outruns its query makes ever larger
   * batches, but never holds one whole.
   */
  *readBatch(start: Offset, end: Offset, limit: ChunkLimit): Generator<Row[]> {
    const startSeconds = offsetSeconds(start);
    const endSeconds = offsetSeconds(end);
    if (startSeconds > endSeconds) throw internalError(`startSeconds(${startSeconds}) > endSeconds(${endSeconds})`);
    if (endSeconds > this.#maxSeconds) {
      throw internalError(
        `Max offset with ${this.rowsPerSecond} rowsPerSecond is ${this.#maxSeconds}, but it's ${endSeconds} now.`,
      );
    }
    // After a restart the clock may read earlier than the replayed range; never go back before it.
    const endTimeMs = endSeconds * 1000 + this.creationTimeMs;
    if (this.#lastTimeMs < endTimeMs) this.#lastTimeMs = endTimeMs;

    const rangeStart = valueAtSecond(startSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    const rangeEnd = valueAtSecond(endSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    if (rangeStart === rangeEnd) return;
    const localStartTimeMs = this.creationTimeMs + startSeconds * 1000;
    const relativeMsPerValue = ((endSeconds - startSeconds) * 1000) / (rangeEnd - rangeStart);
    let rows: Row[] = [];
    // Partition by partition, as Spark's partition readers hand them out: p, p + n, p + 2n, …
    for (let p = 0; p < this.#partitions; p++) {
      for (let value = rangeStart + p; value < rangeEnd; value += this.#partitions) {
        const relativeMs = Math.round((value - rangeStart) * relativeMsPerValue);
        rows.push([(localStartTimeMs + relativeMs) * 1000, value]);
        if (rows.length >= limit.maxRows) {
          yield rows;
          rows = [];
        }
      }
    }
    if (rows.length > 0) yield rows;
  }

  commit(): void {}

  stop(): void {}
}

/** A rate offset: whole seconds since the start (null = the beginning). */
function offsetSeconds(offset: Offset): number {
  if (offset === null) return 0;
  const n = typeof offset === "string" ? Number(offset) : offset;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw internalError(`Invalid offset for the rate source: ${JSON.stringify(offset)}; expected whole seconds.`);
  }
  return n;
}
