// The process's log level, as Spark's SparkContext.setLogLevel sets it for the whole driver: the
// engine's INFO and WARN messages (session.log, which sources, sinks and the scheduler write to)
// are printed only at or above it. Errors the CLI reports are not log messages and always print.
import { userError } from "../errors.ts";
import type { Logger } from "../plugin/contract.ts";

/** Spark's SparkContext.VALID_LOG_LEVELS, most verbose first. */
export const LOG_LEVELS = ["ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SPARK_ORDER = "ALL,DEBUG,ERROR,WARN,INFO,OFF,FATAL,TRACE";

let current: LogLevel = "INFO";

export function logLevel(): LogLevel {
  return current;
}

/** Spark's setLogLevel: any case; anything else is refused with Spark's message. */
export function setLogLevel(level: string): void {
  const upper = typeof level === "string" ? level.toUpperCase() : "";
  if (!(LOG_LEVELS as readonly string[]).includes(upper)) {
    // Spark's require() message, the levels in the order PySpark 4.1.1 prints them (a Scala Set's).
    throw userError("ILLEGAL_ARGUMENT", `requirement failed: Supplied level ${String(level)} did not match one of: ${SPARK_ORDER}`, {
      hint: 'Use setLogLevel("ERROR") to hide warnings, "WARN" (or "INFO", the default) to show them.',
    });
  }
  current = upper as LogLevel;
}

function enabled(level: "INFO" | "WARN"): boolean {
  return LOG_LEVELS.indexOf(current) <= LOG_LEVELS.indexOf(level);
}

/** A logger writing "INFO …" / "WARN …" lines through `write` while the level lets them through. */
export function leveledLogger(write: (line: string) => void): Logger {
  return {
    info: (m) => { if (enabled("INFO")) write(`INFO ${m}\n`); },
    warn: (m) => { if (enabled("WARN")) write(`WARN ${m}\n`); },
  };
}
