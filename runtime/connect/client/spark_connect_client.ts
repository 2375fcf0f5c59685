// One Spark Connect session's requests: the session id, user context and client type on every
// request, the server-side session id observed, results assembled from ExecutePlan responses, and
// the server's errors turned into SluiceErrors with Spark's error classes.
import { randomUUID } from "node:crypto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import {
  AnalyzePlanRequestSchema, type AnalyzePlanResponse, ConfigRequestSchema, type ConfigResponse, ExecutePlanRequestSchema,
  type ExecutePlanResponse, InterruptRequest_InterruptType, InterruptRequestSchema, ReleaseSessionRequestSchema,
} from "../gen/spark/connect/base_pb.ts";
import { PlanSchema, type Plan } from "../gen/spark/connect/base_pb.ts";
import type { CommandSchema } from "../gen/spark/connect/commands_pb.ts";
import type { Relation } from "../gen/spark/connect/relations_pb.ts";
import { parseConnectionString, type ConnectionString } from "../connection_string.ts";
import { rowsFromArrow } from "../arrow_rows.ts";
import { structFromProto } from "../data_type_proto.ts";
import type { StructType } from "../../types/data_type.ts";
import { RpcChannel } from "./rpc_channel.ts";
import { remoteError } from "./remote_error.ts";
import pkg from "../../../package.json" with { type: "json" };

type AnalyzeInit = MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"];
type CommandInit = MessageInitShape<typeof CommandSchema>;
type ConfigOp = MessageInitShape<typeof ConfigRequestSchema>["operation"];

export interface Result {
  schema?: StructType;
  rows: unknown[][];
  responses: ExecutePlanResponse[];
}

export class SparkConnectClient {
  readonly conn: ConnectionString;
  readonly sessionId: string;
  private serverSideSessionId: string | undefined;
  private readonly channel: RpcChannel;
  private readonly userContext: { userId: string; userName: string };
  private readonly clientType: string;

  constructor(url: string) {
    this.conn = parseConnectionString(url);
    this.sessionId = this.conn.sessionId ?? randomUUID();
    const user = this.conn.userId ?? process.env.USER ?? "";
    this.userContext = { userId: user, userName: user };
    this.clientType = `sluice/${pkg.version}${this.conn.userAgent ? ` ${this.conn.userAgent}` : ""}`;
    this.channel = new RpcChannel(this.conn);
  }

  private base() {
    return {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: this.clientType,
      clientObservedServerSideSessionId: this.serverSideSessionId,
    };
  }

  private observe(serverSideSessionId: string | undefined): void {
    if (serverSideSessionId) this.serverSideSessionId = serverSideSessionId;
  }

  private fail(e: unknown): never {
    throw remoteError(e, this.conn.url);
  }

  private executeRequest(plan: MessageInitShape<typeof PlanSchema>) {
    return create(ExecutePlanRequestSchema, { ...this.base(), plan, tags: [] });
  }

  // ---- ExecutePlan ----
  executeSync(plan: MessageInitShape<typeof PlanSchema>): ExecutePlanResponse[] {
    try {
      const responses = this.channel.executeSync(this.executeRequest(plan));
      this.observe(responses[0]?.serverSideSessionId);
      return responses;
    } catch (e) {
      this.fail(e);
    }
  }
  async execute(plan: MessageInitShape<typeof PlanSchema>): Promise<ExecutePlanResponse[]> {
    try {
      const responses = await this.channel.execute(this.executeRequest(plan));
      this.observe(responses[0]?.serverSideSessionId);
      return responses;
    } catch (e) {
      this.fail(e);
    }
  }
  executeStream(plan: MessageInitShape<typeof PlanSchema>, onResponse: (r: ExecutePlanResponse) => void): Promise<void> {
    return this.channel.executeStream(this.executeRequest(plan), onResponse).catch((e) => this.fail(e));
  }

  /** A relation's rows (engine representation) and schema. */
  collectSync(root: Relation): Result {
    return resultOf(this.executeSync({ opType: { case: "root", value: root } }));
  }
  async collect(root: Relation): Promise<Result> {
    return resultOf(await this.execute({ opType: { case: "root", value: root } }));
  }
  commandSync(command: CommandInit): ExecutePlanResponse[] {
    return this.executeSync({ opType: { case: "command", value: command } });
  }
  command(command: CommandInit): Promise<ExecutePlanResponse[]> {
    return this.execute({ opType: { case: "command", value: command } });
  }

  // ---- AnalyzePlan ----
  analyzeSync(analyze: AnalyzeInit): AnalyzePlanResponse {
    try {
      const r = this.channel.callSync("analyzePlan", create(AnalyzePlanRequestSchema, { ...this.base(), analyze }));
      this.observe(r.serverSideSessionId);
      return r;
    } catch (e) {
      this.fail(e);
    }
  }

  // ---- Config ----
  configSync(operation: ConfigOp): ConfigResponse {
    try {
      const r = this.channel.callSync("config", create(ConfigRequestSchema, { ...this.base(), operation }));
      this.observe(r.serverSideSessionId);
      return r;
    } catch (e) {
      this.fail(e);
    }
  }

  async interruptAll(): Promise<void> {
    await this.channel.call("interrupt", create(InterruptRequestSchema, { ...this.base(), interruptType: InterruptRequest_InterruptType.ALL })).catch((e) => this.fail(e));
  }

  /** Releases the session on the server and ends the connection. */
  async close(): Promise<void> {
    try {
      await this.channel.call("releaseSession", create(ReleaseSessionRequestSchema, { sessionId: this.sessionId, userContext: this.userContext, clientType: this.clientType }));
    } catch {
      // The server may be gone already; the session then ends with it.
    }
    await this.channel.close();
  }
}

/** Rows and schema from the Arrow batches of an execution; a batch split in chunks is joined first. */
export function resultOf(responses: ExecutePlanResponse[]): Result {
  let schema: StructType | undefined;
  const streams: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  for (const r of responses) {
    if (r.schema) schema = structFromProto(r.schema);
    if (r.responseType.case !== "arrowBatch") continue;
    const b = r.responseType.value;
    const chunks = b.numChunksInBatch === undefined ? 1 : Number(b.numChunksInBatch);
    pending.push(b.data);
    if (chunks <= 1 || Number(b.chunkIndex ?? 0) === chunks - 1) {
      streams.push(pending.length === 1 ? pending[0]! : concat(pending));
      pending = [];
    }
  }
  return { schema, rows: schema ? rowsFromArrow(streams, schema) : [], responses };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export type { Plan };
