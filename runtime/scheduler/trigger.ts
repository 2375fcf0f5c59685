// Triggers, as PySpark spells them: trigger({ processingTime: "10 seconds" }), { once: true },
// { availableNow: true }, { continuous: "1 second" } (refused: micro-batch only).
import { userError } from "../errors.ts";
import { parseDurationMs } from "../plan/duration.ts";
import { keywordArguments } from "../api/arguments.ts";

export type Trigger =
  | { kind: "processingTime"; intervalMs: number }
  | { kind: "once" }
  | { kind: "availableNow" };

export type TriggerSpec = { processingTime?: string; once?: boolean; availableNow?: boolean; continuous?: string };

export const DEFAULT_TRIGGER: Trigger = { kind: "processingTime", intervalMs: 0 };

const TRIGGER_KEYWORDS = ["processingTime", "once", "continuous", "availableNow"] as const;
const USAGE = 'Use trigger({ processingTime: "10 seconds" }), trigger({ once: true }) or trigger({ availableNow: true }).';

/**
 * PySpark's DataStreamWriter.trigger(*, processingTime=None, once=None, continuous=None,
 * availableNow=None): the keyword arguments come as one object, exactly one of them set, with
 * PySpark's checks and error classes.
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
      throw userError("UNSUPPORTED_TRIGGER", "Continuous processing is not supported: Sluice runs micro-batches.", {
        hint: 'Use trigger({ processingTime: "1 second" }) for low-latency micro-batches.',
      });
  }
}

export function describeTrigger(t: Trigger): string {
  return t.kind === "processingTime" ? `ProcessingTimeTrigger(${t.intervalMs})` : t.kind === "once" ? "OneTimeTrigger" : "AvailableNowTrigger";
}

/** Spark's ProcessingTimeExecutor.nextBatchTime: the next multiple of the interval after `now`. */
export function nextBatchTime(nowMs: number, intervalMs: number): number {
  return intervalMs === 0 ? nowMs : Math.floor(nowMs / intervalMs) * intervalMs + intervalMs;
}
