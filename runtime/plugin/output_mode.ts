// Refuses an output mode a sink does not declare, with Spark's error, when a query starts.
import { userError } from "../errors.ts";
import type { OutputMode, SinkDefinition } from "./contract.ts";

export function checkOutputMode(def: SinkDefinition, mode: OutputMode): void {
  if (def.outputModes.includes(mode)) return;
  throw userError(
    "STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE",
    `Invalid streaming output mode: ${mode}. This output mode is not supported in Data Source ${def.name}.`,
    { sqlState: "42KDE", hint: `The ${def.name} sink accepts: ${def.outputModes.join(", ")}.` },
  );
}
