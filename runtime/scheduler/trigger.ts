// Triggers, as PySpark spells them: trigger({ processingTime: "10 seconds" }), { once: true },
// { availableNow: true }, { continuous: "1 second" } (rejected: micro-batch only).
import { userError } from "../errors.ts";
import { parseDurationMs } from "../plan/duration.ts";

export type Trigger =
  | { kind: "processingTime"; intervalMs: number }
  | { kind: "once" }
  | { kind: "availableNow" };

export type TriggerSpec = { processingTime?: string | number; once?: boolean; availableNow?: boolean; continuous?: string | number };

export const DEFAULT_TRIGGER: Trigger = { kind: "processingTime", intervalMs: 0 };

export function parseTrigger(spec: TriggerSpec): Trigger {
  const given = Object.entries(spec).filter(([, v]) => v !== undefined && v !== false);
  if (given.length !== 1) {
    throw userError("INVALID_TRIGGER", `Exactly one trigger must be given, got ${given.length === 0 ? "none" : given.map(([k]) => k).join(", ")}.`, {
      hint: 'Use trigger({ processingTime: "10 seconds" }), trigger({ once: true }) or trigger({ availableNow: true }).',
    });
  }
  const [key, value] = given[0]!;
  switch (key) {
    case "processingTime": {
      const ms = typeof value === "number" ? value : parseDurationMs(String(value), "processingTime");
      if (!(ms >= 0) || !Number.isFinite(ms)) {
        throw userError("INVALID_TRIGGER", `Interval cannot be negative: processingTime ${String(value)}.`, { hint: 'Use a duration such as "10 seconds" or 0.' });
      }
      return { kind: "processingTime", intervalMs: ms };
    }
    case "once":
      if (value !== true) break;
      return { kind: "once" };
    case "availableNow":
      if (value !== true) break;
      return { kind: "availableNow" };
    case "continuous":
      throw userError("UNSUPPORTED_TRIGGER", "Continuous processing is not supported: Sluice runs micro-batches.", {
        hint: 'Use trigger({ processingTime: "1 second" }) for low-latency micro-batches.',
      });
  }
  throw userError("INVALID_TRIGGER", `Unknown trigger ${key}=${JSON.stringify(value)}.`, {
    hint: 'Use trigger({ processingTime: "10 seconds" }), trigger({ once: true }) or trigger({ availableNow: true }).',
  });
}

export function describeTrigger(t: Trigger): string {
  return t.kind === "processingTime" ? `ProcessingTimeTrigger(${t.intervalMs})` : t.kind === "once" ? "OneTimeTrigger" : "AvailableNowTrigger";
}

/** Spark's ProcessingTimeExecutor.nextBatchTime: the next multiple of the interval after `now`. */
export function nextBatchTime(nowMs: number, intervalMs: number): number {
  return intervalMs === 0 ? nowMs : Math.floor(nowMs / intervalMs) * intervalMs + intervalMs;
}
