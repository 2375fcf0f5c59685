// `sluice validate PIPELINE.ts`: do the pipeline's queries pass every check start() makes (analysis,
// output mode, unsupported operations, source and sink options)? Nothing runs; the exit status says.
import type { ValidateArgs } from "./args.ts";
import { resolve } from "node:path";
import { formatError } from "./format_error.ts";
import { noQueryMessage, planPipeline, queryRoute, queryTitle, type CommandIo } from "./plan_pipeline.ts";

export async function validateCommand(args: ValidateArgs, io: CommandIo, o?: { registerEngine?: boolean }): Promise<number> {
  const { planned, error } = await planPipeline(args, o);
  if (error) {
    io.writeStderr(formatError(error.value, { files: [resolve(args.pipeline)] }));
    return 1;
  }
  if (planned.length === 0) {
    io.writeStderr(noQueryMessage);
    return 1;
  }
  const n = planned.length;
  const lines = planned.map((q) => `  ${queryTitle(q)}: ${queryRoute(q)}\n`).join("");
  io.writeStdout(`valid: ${n} streaming quer${n === 1 ? "y" : "ies"}\n${lines}`);
  return 0;
}
