// spark.streams of a remote session. Listeners are called on this side, as PySpark's Connect client
// calls them: the first listener opens the server's listener bus (a long-running ExecutePlan whose
// responses are the query events as JSON); started events come with start()'s answer.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import type { StreamingQueryListener } from "../../api/streaming_query_manager.ts";
import type { ExecutePlanResponse } from "../gen/spark/connect/base_pb.ts";
import { StreamingQueryEventType, type StreamingQueryManagerCommandResult, StreamingQueryManagerCommandSchema } from "../gen/spark/connect/commands_pb.ts";
import type { ConnectSparkSession } from "./session.ts";
import { ConnectStreamingQuery, timeoutMsOf } from "./streaming_query.ts";

type ManagerCommand = MessageInitShape<typeof StreamingQueryManagerCommandSchema>["command"];

function resultOf(responses: ExecutePlanResponse[]): StreamingQueryManagerCommandResult["resultType"] {
  for (const r of responses) if (r.responseType.case === "streamingQueryManagerCommandResult") return r.responseType.value.resultType;
  return { case: undefined, value: undefined };
}

export class ConnectStreamingQueryManager {
  private readonly listeners: StreamingQueryListener[] = [];
  private bus?: Promise<void>;

  constructor(private readonly session: ConnectSparkSession) {}

  private runSync(command: ManagerCommand) {
    const value = create(StreamingQueryManagerCommandSchema, { command });
    return resultOf(this.session.client.commandSync({ commandType: { case: "streamingQueryManagerCommand", value } }));
  }
  private async run(command: ManagerCommand) {
    const value = create(StreamingQueryManagerCommandSchema, { command });
    return resultOf(await this.session.client.command({ commandType: { case: "streamingQueryManagerCommand", value } }));
  }

  get active(): ConnectStreamingQuery[] {
    const r = this.runSync({ case: "active", value: true });
    if (r.case !== "active") return [];
    return r.value.activeQueries.map((q) => new ConnectStreamingQuery(this.session, q.id?.id ?? "", q.id?.runId ?? "", q.name ?? null));
  }
  get(id: string): ConnectStreamingQuery | null {
    try {
      const r = this.runSync({ case: "getQuery", value: id });
      if (r.case !== "query" || !r.value.id) return null;
      return new ConnectStreamingQuery(this.session, r.value.id.id, r.value.id.runId, r.value.name ?? null);
    } catch {
      // The server answers an unknown id with an error; Spark's get returns null.
      return null;
    }
  }
  /** PySpark's awaitAnyTermination(timeout=None): `timeout` in seconds (a number or { timeout }). */
  async awaitAnyTermination(timeout?: number | { timeout?: number } | null): Promise<boolean> {
    const r = await this.run({ case: "awaitAnyTermination", value: { timeoutMs: timeoutMsOf(timeout) } });
    return r.case === "awaitAnyTermination" ? r.value.terminated : true;
  }
  resetTerminated(): void {
    this.runSync({ case: "resetTerminated", value: true });
  }

  addListener(listener: StreamingQueryListener): void {
    this.listeners.push(listener);
    if (!this.bus) this.openBus();
  }
  removeListener(listener: StreamingQueryListener): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
    if (this.listeners.length === 0 && this.bus) {
      this.bus = undefined;
      this.session.client.commandSync({ commandType: { case: "streamingQueryListenerBusCommand", value: { command: { case: "removeListenerBusListener", value: true } } } });
    }
  }

  /** start()'s answer carries the started event (the bus does not). */
  queryStarted(eventJson: string | undefined): void {
    if (!eventJson) return;
    const e = JSON.parse(eventJson) as { id: string; runId: string; name: string | null; timestamp: string };
    for (const l of this.listeners) l.onQueryStarted?.({ id: e.id, runId: e.runId, name: e.name ?? null, timestamp: e.timestamp });
  }

  private openBus(): void {
    this.bus = this.session.client.executeStream(
      { opType: { case: "command", value: { commandType: { case: "streamingQueryListenerBusCommand", value: { command: { case: "addListenerBusListener", value: true } } } } } },
      (r) => {
        if (r.responseType.case !== "streamingQueryListenerEventsResult") return;
        for (const ev of r.responseType.value.events) this.dispatch(ev.eventType, ev.eventJson);
      },
    ).catch((e: unknown) => {
      this.session.log.warn(`the streaming query listener bus ended: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private dispatch(type: StreamingQueryEventType, json: string): void {
    const e = JSON.parse(json) as Record<string, unknown>;
    for (const l of this.listeners) {
      switch (type) {
        case StreamingQueryEventType.QUERY_PROGRESS_EVENT:
          l.onQueryProgress?.({ progress: e.progress as Record<string, unknown> });
          break;
        case StreamingQueryEventType.QUERY_IDLE_EVENT:
          l.onQueryIdle?.({ id: String(e.id), runId: String(e.runId), timestamp: String(e.timestamp) });
          break;
        case StreamingQueryEventType.QUERY_TERMINATED_EVENT:
          l.onQueryTerminated?.({
            id: String(e.id), runId: String(e.runId),
            exception: (e.exception as string | null | undefined) ?? null, errorClassOnException: (e.errorClassOnException as string | null | undefined) ?? null,
          });
          break;
      }
    }
  }
}
