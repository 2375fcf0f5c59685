// `sluice explain PIPELINE.ts`: the plan of every query the pipeline starts, none of them run.
import type { PlannedQuery } from "../api/dry_run.ts";
import type { ExplainArgs } from "./args.ts";
import { resolve } from "node:path";
import { formatError } from "./format_error.ts";
import { noQueryMessage, planPipeline, queryRoute, queryTitle, type CommandIo } from "./plan_pipeline.ts";

export async function explainCommand(args: ExplainArgs, io: CommandIo, o?: { registerEngine?: boolean }): Promise<number> {
  const { planned, error } = await planPipeline(args, o);
  // The plans made before a failure still help find it.
  if (planned.length > 0) io.writeStdout(planned.map((q) => explainText(q, args.extended)).join("\n"));
  if (error) {
    io.writeStderr(formatError(error.value, { files: [resolve(args.pipeline)] }));
    return 1;
  }
  if (planned.length === 0) {
    io.writeStderr(noQueryMessage);
    return 1;
  }
  return 0;
}

function explainText(q: PlannedQuery, extended: boolean): string {
  const head = [`== Query ${queryTitle(q)}: ${queryRoute(q)} ==`];
  if (q.checkpointLocation) head.push(`Checkpoint: ${q.checkpointLocation}`);
  return `${head.join("\n")}\n${q.explain(extended)}`;
}
