// Helpers for the file sinks' tests: open a sink as the engine does.
import type { SinkDefinition, SinkWriter } from "../../../runtime/plugin/contract.ts";
import { validateOptions } from "../../../runtime/plugin/validate_options.ts";
import { ManualClock } from "../../../runtime/testing/manual_clock.ts";
import type { StructType } from "../../../runtime/types/data_type.ts";
import { parseSchemaDDL } from "../../../runtime/types/ddl.ts";

export async function openSink(
  def: SinkDefinition<any>,
  options: Record<string, unknown>,
  schema: StructType | string,
  conf: Record<string, string> = {},
): Promise<SinkWriter> {
  const all: Record<string, string> = { "spark.sql.session.timeZone": "UTC", ...conf };
  return await def.create(validateOptions(def, options), {
    schema: typeof schema === "string" ? parseSchemaDDL(schema) : schema,
    queryId: "00000000-0000-4000-8000-000000000000",
    clock: new ManualClock(1_700_000_000_000),
    log: { info() {}, warn() {} },
    conf: (k) => all[k],
    stdout: () => {},
    session: null,
  });
}
