// GroupState and GroupStateTimeout (Spark's org.apache.spark.sql.streaming.GroupState and
// GroupStateImpl; PySpark's pyspark.sql.streaming.state): what flatMapGroupsWithState /
// mapGroupsWithState hand the user function for one key. The state is a row of the state schema:
// `get` gives it as a Row (an object keyed by field name, values in everyday JS form), `update`
// takes an array in schema order or such an object. Spark's messages; Spark throws them as
// IllegalArgumentException / UnsupportedOperationException / NoSuchElementException, Sluice as
// SluiceError with the codes below (beyond Spark: Spark has no error class for them).
import { userError } from "../errors.ts";
import { NO_TIMESTAMP, type GroupStateTimeoutKind, type StateCallInput } from "../plan/groups_with_state.ts";
import { parseDuration } from "../plan/duration.ts";
import type { StructType } from "../types/data_type.ts";
import { type Row, toPublicRow } from "./row.ts";
import { rowsFromUser } from "./rows_from_user.ts";

/** GroupStateTimeout.NoTimeout / ProcessingTimeTimeout / EventTimeTimeout (also accepted as strings). */
export const GroupStateTimeout = Object.freeze({
  NoTimeout: "NoTimeout",
  ProcessingTimeTimeout: "ProcessingTimeTimeout",
  EventTimeTimeout: "EventTimeTimeout",
} as const);
export type GroupStateTimeout = GroupStateTimeoutKind;

const misuse = (code: string, message: string, hint: string) => userError(code, message, { hint });

export class GroupState {
  #value: readonly unknown[] | undefined;
  #defined: boolean;
  #updated = false;
  #removed = false;
  #timeoutTimestamp = NO_TIMESTAMP;

  /** Made by the engine for one call of the user function. */
  constructor(private readonly input: StateCallInput, private readonly schema: StructType) {
    this.#value = input.value;
    this.#defined = input.value !== undefined;
  }

  /** Whether the key has a state. */
  get exists(): boolean {
    return this.#defined;
  }

  /** The state as a Row; throws when there is none (check `exists`, or use `getOption`). */
  get get(): Row {
    if (!this.#defined) {
      throw misuse("GROUP_STATE_NOT_DEFINED", "State is either not defined or has already been removed", "Check state.exists first, or read state.getOption (null when there is no state).");
    }
    return toPublicRow(this.schema, this.#value!);
  }

  /** The state as a Row, or null when there is none. */
  get getOption(): Row | null {
    return this.#defined ? toPublicRow(this.schema, this.#value!) : null;
  }

  /** Replaces the state: an array of values in the state schema's order, or an object keyed by field name. */
  update(newValue: readonly unknown[] | Record<string, unknown>): void {
    if (newValue === null || newValue === undefined) {
      throw misuse("GROUP_STATE_INVALID_VALUE", "'null' is not a valid state value", "Call state.remove() to drop a key's state.");
    }
    this.#value = rowsFromUser([newValue], this.schema)[0]!;
    this.#defined = true;
    this.#updated = true;
    this.#removed = false;
  }

  remove(): void {
    this.#defined = false;
    this.#updated = false;
    this.#removed = true;
  }

  /** Whether this call is for a key whose timeout passed (it then gets no rows). */
  get hasTimedOut(): boolean {
    return this.input.hasTimedOut;
  }

  /**
   * ProcessingTimeTimeout: the key times out this long after the batch's processing time, unless
   * it is called again before (every call resets the timeout). Milliseconds, or text ("10 minutes").
   */
  setTimeoutDuration(duration: number | string): void {
    const ms = typeof duration === "string" ? durationMs(duration) : duration;
    if (this.input.timeout !== "ProcessingTimeTimeout") {
      throw misuse("GROUP_STATE_TIMEOUT_NOT_ENABLED", "Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState",
        "Pass GroupStateTimeout.ProcessingTimeTimeout to flatMapGroupsWithState / mapGroupsWithState.");
    }
    if (!(ms > 0)) throw misuse("GROUP_STATE_INVALID_TIMEOUT", "Timeout duration must be positive", "Give a duration above 0 ms.");
    this.#timeoutTimestamp = Math.floor(ms) + this.input.batchProcessingTimeMs;
  }

  /**
   * EventTimeTimeout: the key times out once the watermark passes this event time (ms since the
   * epoch, or a Date), plus an optional extra duration ("1 hour").
   */
  setTimeoutTimestamp(timestamp: number | Date, additionalDuration?: string): void {
    if (this.input.timeout !== "EventTimeTimeout") {
      throw misuse("GROUP_STATE_TIMEOUT_NOT_ENABLED", "Cannot set timeout timestamp without enabling event time timeout in [map|flatMapGroupsWithState",
        "Pass GroupStateTimeout.EventTimeTimeout to flatMapGroupsWithState / mapGroupsWithState (and declare withWatermark).");
    }
    const ms = (timestamp instanceof Date ? timestamp.getTime() : timestamp) + (additionalDuration === undefined ? 0 : durationMs(additionalDuration));
    if (!(ms > 0)) throw misuse("GROUP_STATE_INVALID_TIMEOUT", "Timeout timestamp must be positive", "Give an event time after the epoch.");
    const wm = this.input.eventTimeWatermarkMs;
    if (wm !== NO_TIMESTAMP && ms < wm) {
      throw misuse("GROUP_STATE_INVALID_TIMEOUT", `Timeout timestamp (${ms}) cannot be earlier than the current watermark (${wm})`,
        "Set the timeout at or after state.getCurrentWatermarkMs().");
    }
    this.#timeoutTimestamp = Math.floor(ms);
  }

  /** The batch's event-time watermark (ms); only when the query declares withWatermark. */
  getCurrentWatermarkMs(): number {
    if (!this.input.watermarkPresent) {
      throw misuse("GROUP_STATE_NO_WATERMARK", "Cannot get event time watermark timestamp without setting watermark before [map|flatMap]GroupsWithState",
        'Declare the event time before grouping: df.withWatermark("ts", "10 minutes").groupBy(...).');
    }
    return this.input.eventTimeWatermarkMs;
  }

  /** The batch's processing time (its trigger time, ms since the epoch). */
  getCurrentProcessingTimeMs(): number {
    return this.input.batchProcessingTimeMs;
  }

  toString(): string {
    return `GroupState(${this.#defined ? JSON.stringify(this.getOption) : "<undefined>"})`;
  }

  /** What the engine writes back after the call. */
  outcome(): { value: readonly unknown[] | undefined; updated: boolean; removed: boolean; timeoutTimestampMs: number } {
    return { value: this.#defined ? this.#value : undefined, updated: this.#updated, removed: this.#removed, timeoutTimestampMs: this.#timeoutTimestamp };
  }
}

function durationMs(text: string): number {
  if (text.trim() === "") throw misuse("GROUP_STATE_INVALID_TIMEOUT", "Provided duration is null or blank.", 'Write a duration like "10 minutes".');
  const d = parseDuration(text, "a GroupState timeout");
  if (d.micros < 0 || d.months < 0) throw misuse("GROUP_STATE_INVALID_TIMEOUT", `Provided duration (${text}) is not positive`, 'Write a positive duration like "10 minutes".');
  return Math.floor(d.micros / 1000);
}
