// Triggers, as PySpark spells them: trigger({ processingTime: "10 seconds" }), { once: true },
// { availableNow: true }, { continuous: "1 second" } and Spark 4.1's real-time mode,
// { realTime: "5 minutes" } (PySpark's trigger(realTime=...); Scala's Trigger.RealTime).
import { userError } from "../errors.ts";
import { parseDuration, parseDurationMs } from "../plan/duration.ts";
import { keywordArguments } from "../api/arguments.ts";

export type Trigger =
  | { kind: "processingTime"; intervalMs: number }
  | { kind: "once" }
  | { kind: "availableNow" }
  /** Real-time mode: records flow through as they arrive; every batchDurationMs the offsets, state and sink are committed. */
  | { kind: "realTime"; batchDurationMs: number }
  /** Continuous processing: the same low-latency path, an epoch (checkpoint) every intervalMs. */
  | { kind: "continuous"; intervalMs: number };

export type TriggerSpec = { processingTime?: string; once?: boolean; availableNow?: boolean; continuous?: string; realTime?: string };

/** Spark's RealTimeTrigger default batch duration (Trigger.RealTime()): 5 minutes. */
export const DEFAULT_REAL_TIME_BATCH_MS = 5 * 60_000;

/** Whether records flow through as they arrive (real-time mode or continuous processing). */
export const isLowLatency = (t: Trigger): t is Extract<Trigger, { kind: "realTime" | "continuous" }> =>
  t.kind === "realTime" || t.kind === "continuous";

export const DEFAULT_TRIGGER: Trigger = { kind: "processingTime", intervalMs: 0 };

const TRIGGER_KEYWORDS = ["processingTime", "once", "continuous", "availableNow", "realTime"] as const;
const USAGE = 'Use trigger({ processingTime: "10 seconds" }), trigger({ once: true }), trigger({ availableNow: true }), trigger({ continuous: "1 second" }) or trigger({ realTime: "5 minutes" }).';

/**
 * PySpark's DataStreamWriter.trigger(*, processingTime=None, once=None, continuous=None,
 * availableNow=None, realTime=None): the keyword arguments come as one object, exactly one of them
 * set, with PySpark's checks and error classes (realTime as PySpark 4.2 takes it; 4.1.1's Python
 * has no such argument, the JVM's Trigger.RealTime(String) does the same checks).
 */
export function parseTrigger(spec: unknown): Trigger {
  if (typeof spec === "string" || typeof spec === "number") {
    throw userError("NOT_DICT", `Argument \`trigger\` should be a dict, got ${typeof spec}.`, {
      hint: `PySpark's trigger takes keyword arguments only: write trigger({ processingTime: ${JSON.stringify(typeof spec === "number" ? `${spec} milliseconds` : spec)} }) for trigger(processingTime=…).`,
    });
  }
  const args = keywordArguments("trigger", spec, TRIGGER_KEYWORDS, USAGE);
  const given = TRIGGER_KEYWORDS.filter((k) => args[k] !== undefined && args[k] !== null);
  if (given.length !== 1) {
    throw userError("ONLY_ALLOW_SINGLE_TRIGGER", "Only a single trigger is allowed.", {
      hint: given.length === 0 ? USAGE : `Given: ${given.join(", ")}. ${USAGE}`,
    });
  }
  const key = given[0]!;
  const value = args[key];
  switch (key) {
    case "processingTime": {
      if (typeof value !== "string" || value.trim() === "") {
        throw userError("VALUE_NOT_NON_EMPTY_STR", `Value for \`processingTime\` must be a non-empty string, got '${String(value)}'.`, {
          hint: typeof value === "number"
            ? `Write the interval with its unit, as PySpark requires: { processingTime: "${value} milliseconds" } or "${value / 1000} seconds".`
            : 'Write an interval such as { processingTime: "10 seconds" }.',
        });
      }
      const ms = parseDurationMs(value, "processingTime");
      if (!(ms >= 0) || !Number.isFinite(ms)) {
        throw userError("INVALID_TRIGGER", `Interval cannot be negative: processingTime ${value}.`, { hint: 'Use a duration such as "10 seconds" or "0 seconds".' });
      }
      return { kind: "processingTime", intervalMs: ms };
    }
    case "once":
    case "availableNow":
      if (value !== true) {
        throw userError("VALUE_NOT_TRUE", `Value for \`${key}\` must be True, got '${String(value)}'.`, {
          hint: `Write trigger({ ${key}: true }).`,
        });
      }
      return { kind: key };
    case "continuous":
      return { kind: "continuous", intervalMs: intervalArgument(key, value, "1 second") };
    case "realTime":
      return { kind: "realTime", batchDurationMs: intervalArgument(key, value, "5 minutes") };
  }
}

/**
 * The interval of trigger(continuous=…) / trigger(realTime=…): a non-empty string (PySpark), an
 * interval without months or years (Spark's ContinuousTrigger/RealTimeTrigger), not negative.
 */
function intervalArgument(key: string, value: unknown, example: string): number {
  if (typeof value !== "string" || value.trim() === "") {
    throw userError("VALUE_NOT_NON_EMPTY_STR", `Value for \`${key}\` must be a non-empty string, got '${String(value)}'.`, {
      hint: typeof value === "number"
        ? `Write the interval with its unit: { ${key}: "${value} milliseconds" }.`
        : `Write an interval such as { ${key}: "${example}" }.`,
    });
  }
  const d = parseDuration(value, key);
  if (d.months !== 0) {
    throw userError("_LEGACY_ERROR_TEMP_3262", `Doesn't support month or year interval: ${value}`, { hint: `Write the interval in days or smaller units, e.g. "${example}".` });
  }
  const ms = Math.floor(d.micros / 1000);
  if (!(ms >= 0) || !Number.isFinite(ms)) {
    throw userError("INVALID_TRIGGER", `Interval cannot be negative: ${key} ${value}.`, { hint: `Use a duration such as "${example}".` });
  }
  return ms;
}

export function describeTrigger(t: Trigger): string {
  switch (t.kind) {
    case "processingTime": return `ProcessingTimeTrigger(${t.intervalMs})`;
    case "once": return "OneTimeTrigger";
    case "availableNow": return "AvailableNowTrigger";
    case "continuous": return `ContinuousTrigger(${t.intervalMs})`;
    case "realTime": return `RealTimeTrigger(${t.batchDurationMs})`;
  }
}

/** Spark's ProcessingTimeExecutor.nextBatchTime: the next multiple of the interval after `now`. */
export function nextBatchTime(nowMs: number, intervalMs: number): number {
  return intervalMs === 0 ? nowMs : Math.floor(nowMs / intervalMs) * intervalMs + intervalMs;
}
