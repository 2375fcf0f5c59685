// What runs a Python function (UDFs, foreachBatch, foreach, server-side listeners) is refused with
// one error: Sluice's Spark Connect server runs no Python worker.
import { userError } from "../../errors.ts";

export function pythonFunctionRefused(what: string) {
  return userError("UNSUPPORTED_FEATURE.PYTHON_FUNCTION",
    `${what} runs a Python function, and Sluice's Spark Connect server runs no Python.`,
    { sqlState: "0A000", hint: "Write to one of Sluice's sinks (memory, then query the table; kafka; files; postgres) or express the logic with Spark SQL functions." });
}
