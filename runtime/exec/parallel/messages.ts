// What the main thread and an executor worker (exec_worker.ts) send each other. Everything here
// is structured-clone data: plans travel as recipes (plan_recipe.ts), rows as arrays of values.
import type { InputSplit, OutputMode, Row } from "../../plugin/contract.ts";
import type { Recipe } from "./plan_recipe.ts";

/** Sets up a query's fragment on a worker: the plan to build, and the text its fragment must print. */
export interface PrepareRequest {
  readonly type: "prepare";
  readonly id: number;
  readonly query: string;
  readonly recipe: Recipe;
  readonly conf: Readonly<Record<string, string>>;
  readonly outputMode: OutputMode;
  readonly shufflePartitions: number;
  /** physicalTree() of the main thread's fragment: a worker that plans anything else refuses. */
  readonly fragmentText: string;
}

/** The per-batch facts generated code reads (BatchContext without its functions). */
export interface BatchFacts {
  readonly batchId: number;
  readonly batchTimestampMs: number;
  readonly mode: OutputMode;
  readonly lateWatermarkMs: number;
  readonly evictionWatermarkMs: number;
}

export interface RunRequest {
  readonly type: "run";
  readonly id: number;
  readonly query: string;
  readonly split: InputSplit;
  readonly batch: BatchFacts;
}

export interface ForgetRequest {
  readonly type: "forget";
  readonly id: number;
  readonly query: string;
}

export type ExecRequest = PrepareRequest | RunRequest | ForgetRequest;

/** A withWatermark node's figures for one split (EventTimeStats). */
export interface StatsData {
  readonly max: number;
  readonly min: number;
  readonly sum: number;
  readonly count: number;
}

export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly bareMessage?: string;
  readonly hint?: string;
  readonly kind?: string;
  readonly sqlState?: string;
  readonly stack?: string;
}

export interface LogLine {
  readonly level: "info" | "warn";
  readonly message: string;
}

export type ExecReply =
  | { readonly id: number; readonly ok: true; readonly rows?: Row[]; readonly inputRows?: number; readonly stats?: StatsData[]; readonly busyMs?: number; readonly logs: LogLine[] }
  | { readonly id: number; readonly ok: false; readonly error: WireError; readonly logs: LogLine[] };
