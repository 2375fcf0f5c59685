// The handle of a query running on a Spark Connect server: the same members as the embedded
// StreamingQuery (api/streaming_query.ts), each a StreamingQueryCommand to the server.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { SluiceError } from "../../errors.ts";
import type { StreamingQueryStatus } from "../../scheduler/progress.ts";
import { type StreamingQueryCommandResult, StreamingQueryCommandSchema } from "../gen/spark/connect/commands_pb.ts";
import type { ExecutePlanResponse } from "../gen/spark/connect/base_pb.ts";
import type { ConnectSparkSession } from "./session.ts";

type QueryCommand = MessageInitShape<typeof StreamingQueryCommandSchema>["command"];

function resultOf(responses: ExecutePlanResponse[]): StreamingQueryCommandResult["resultType"] {
  for (const r of responses) if (r.responseType.case === "streamingQueryCommandResult") return r.responseType.value.resultType;
  return { case: undefined, value: undefined };
}

/** PySpark's timeout in seconds (a number or { timeout }) as the protocol's milliseconds. */
export function timeoutMsOf(timeout: number | { timeout?: number } | null | undefined): bigint | undefined {
  const seconds = typeof timeout === "object" && timeout !== null ? timeout.timeout : timeout;
  return seconds === undefined || seconds === null ? undefined : BigInt(Math.max(0, Math.round(seconds * 1000)));
}

export class ConnectStreamingQuery {
  constructor(private readonly session: ConnectSparkSession, readonly id: string, readonly runId: string, readonly name: string | null) {}

  private command(command: QueryCommand) {
    return create(StreamingQueryCommandSchema, { queryId: { id: this.id, runId: this.runId }, command });
  }
  private runSync(command: QueryCommand) {
    return resultOf(this.session.client.commandSync({ commandType: { case: "streamingQueryCommand", value: this.command(command) } }));
  }
  private async run(command: QueryCommand) {
    return resultOf(await this.session.client.command({ commandType: { case: "streamingQueryCommand", value: this.command(command) } }));
  }

  get isActive(): boolean {
    const r = this.runSync({ case: "status", value: true });
    return r.case === "status" && r.value.isActive;
  }
  get status(): StreamingQueryStatus {
    const r = this.runSync({ case: "status", value: true });
    if (r.case !== "status") return { message: "", isDataAvailable: false, isTriggerActive: false };
    return { message: r.value.statusMessage, isDataAvailable: r.value.isDataAvailable, isTriggerActive: r.value.isTriggerActive };
  }
  get lastProgress(): Record<string, unknown> | null {
    const r = this.runSync({ case: "lastProgress", value: true });
    const json = r.case === "recentProgress" ? r.value.recentProgressJson.at(-1) : undefined;
    return json === undefined ? null : (JSON.parse(json) as Record<string, unknown>);
  }
  get recentProgress(): Record<string, unknown>[] {
    const r = this.runSync({ case: "recentProgress", value: true });
    return r.case === "recentProgress" ? r.value.recentProgressJson.map((j) => JSON.parse(j) as Record<string, unknown>) : [];
  }
  /** The error that stopped the query (with Spark's error class), or null. */
  exception(): Error | null {
    const r = this.runSync({ case: "exception", value: true });
    if (r.case !== "exception" || r.value.exceptionMessage === undefined) return null;
    const cls = r.value.errorClass;
    let message = r.value.exceptionMessage;
    if (cls && message.startsWith(`[${cls}] `)) message = message.slice(cls.length + 3);
    const tail = message.indexOf(" SQLSTATE: ");
    if (cls && tail >= 0) message = message.slice(0, tail);
    return new SluiceError(cls ?? "STREAM_FAILED", message, { kind: "user" });
  }
  /**
   * Waits for the query to end, as PySpark's awaitTermination(timeout=None): `timeout` in seconds
   * (a number or { timeout }). With a timeout, resolves to whether it ended in time. Rejects with
   * the query's error (Spark's StreamingQueryException, sent by the server) if it failed.
   */
  async awaitTermination(timeout?: number | { timeout?: number } | null): Promise<boolean> {
    const r = await this.run({ case: "awaitTermination", value: { timeoutMs: timeoutMsOf(timeout) } });
    return r.case === "awaitTermination" ? r.value.terminated : true;
  }
  async processAllAvailable(): Promise<void> {
    await this.run({ case: "processAllAvailable", value: true });
  }
  async stop(): Promise<void> {
    await this.run({ case: "stop", value: true });
  }
  /** Prints the plan the server runs for the query, as PySpark's StreamingQuery.explain(). */
  explain(extended = false): void {
    this.session.stdout(this.explainString(extended) + "\n");
  }
  /** The text explain() prints. */
  explainString(extended = false): string {
    const r = this.runSync({ case: "explain", value: { extended } });
    return r.case === "explain" ? r.value.result : "";
  }
  toString(): string {
    return `StreamingQuery(id=${this.id}, runId=${this.runId}, name=${this.name ?? "null"})`;
  }
}
