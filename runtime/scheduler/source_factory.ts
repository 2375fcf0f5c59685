import type { Plan } from "../plan/plan.ts";
import type { SourceReader } from "../plugin/contract.ts";

/** Creates the reader for a source node of a plan (options validated, context filled in). */
export interface SourceFactory {
  create(node: Extract<Plan, { kind: "source" }>, streaming: boolean, metadataDir?: string): SourceReader | Promise<SourceReader>;
}
