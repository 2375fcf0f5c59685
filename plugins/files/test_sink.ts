// Helpers for the file sinks' tests: open a sink as the engine does.
import { validateOptions, parseSchemaDDL, type SinkDefinition, type SinkWriter, type StructType } from "sluice/plugin-sdk";
import { ManualClock } from "sluice/testing";

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
