// What the main thread and the gRPC worker (rpc_worker.ts) send each other. Protobuf messages
// travel as their binary encoding.
import type { DescMessage } from "@bufbuild/protobuf";
import {
  AnalyzePlanRequestSchema, AnalyzePlanResponseSchema, ConfigRequestSchema, ConfigResponseSchema,
  FetchErrorDetailsRequestSchema, FetchErrorDetailsResponseSchema, InterruptRequestSchema, InterruptResponseSchema,
  ReleaseSessionRequestSchema, ReleaseSessionResponseSchema,
} from "../gen/spark/connect/base_pb.ts";

/** The unary RPCs, with their request and response messages. */
export const UNARY_METHODS = {
  analyzePlan: [AnalyzePlanRequestSchema, AnalyzePlanResponseSchema],
  config: [ConfigRequestSchema, ConfigResponseSchema],
  interrupt: [InterruptRequestSchema, InterruptResponseSchema],
  releaseSession: [ReleaseSessionRequestSchema, ReleaseSessionResponseSchema],
  fetchErrorDetails: [FetchErrorDetailsRequestSchema, FetchErrorDetailsResponseSchema],
} as const satisfies Record<string, readonly [DescMessage, DescMessage]>;

export type UnaryMethod = keyof typeof UNARY_METHODS;

/**
 * sync: the answer goes to the sync port and the shared flag is raised (the main thread waits on it);
 * async: the answer goes to the async port; stream: each ExecutePlan response is sent as it comes.
 */
export type Mode = "sync" | "async" | "stream";

export type WorkerRequest =
  | { id: number; mode: Mode; kind: "unary"; method: UnaryMethod; bytes: Uint8Array }
  | { id: number; mode: Mode; kind: "execute"; bytes: Uint8Array };

export interface WireError {
  code: number;
  rawMessage: string;
  details: { type: string; value: Uint8Array }[];
}

export type WorkerReply =
  | { id: number; ok: true; data: Uint8Array | Uint8Array[] }
  | { id: number; ok: false; error: WireError }
  /** One response of a "stream" execution. */
  | { id: number; item: Uint8Array };
