// Declarative pipelines: `sluice run pipeline.json` starts the sources, SQL queries and sinks a
// pipeline file declares (schema: pipeline_schema.ts, `sluice schema pipeline`).
import process from "node:process";
import { pathToFileURL } from "node:url";
import { platform } from "../platform/mod.ts";
import { isDeclarativePipeline } from "./load_pipeline.ts";

export { isDeclarativePipeline, loadPipeline, parsePipeline } from "./load_pipeline.ts";
export { pipelineSchema, type PipelineSpec } from "./pipeline_schema.ts";
export { runPipelineFile, startPipeline } from "./run_pipeline.ts";

/** Loads a pipeline file: a declarative one (.json) is started from its spec, a module (.ts, .js) imported. */
export async function importPipeline(path: string): Promise<unknown> {
  if (!isDeclarativePipeline(path)) return import(pathToFileURL(path).href);
  const { runPipelineFile } = await import("./run_pipeline.ts");
  return runPipelineFile(path, { env: (name) => platform.env(name) });
}

/**
 * Gives the pipeline the command line `node PIPELINE ARGS…` would: process.argv is [runtime,
 * pipeline, ...args], so it reads its own arguments (`sluice run p.ts -- a b`) as
 * process.argv.slice(2), as a Python script reads sys.argv[1:]. Returns a function restoring it.
 */
export function setPipelineArgv(path: string, args: readonly string[] = []): () => void {
  const before = process.argv;
  process.argv = [before[0] ?? "sluice", path, ...args];
  return () => { process.argv = before; };
}
