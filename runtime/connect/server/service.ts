// The SparkConnectService implementation: ExecutePlan (relations as Arrow results, commands, the
// listener bus), AnalyzePlan, Config, ReattachExecute / ReleaseExecute, Interrupt, ReleaseSession;
// AddArtifacts is refused (Sluice runs no JVM or Python code). Errors become Spark-shaped gRPC
// errors (server_error.ts).
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { randomUUID } from "node:crypto";
import { userError } from "../../errors.ts";
import type { StreamingQueryListener } from "../../api/streaming_query_manager.ts";
import { parseSchemaDDL } from "../../types/ddl.ts";
import { arrowFromRows } from "../arrow_rows.ts";
import { toProtoType } from "../data_type_proto.ts";
import {
  type AnalyzePlanRequest, InterruptRequest_InterruptType, type InterruptRequest, AnalyzePlanResponseSchema, type ConfigRequest, ConfigResponseSchema, type ExecutePlanRequest, type ExecutePlanResponse,
  ExecutePlanResponseSchema, SparkConnectService,
} from "../gen/spark/connect/base_pb.ts";
import { StreamingQueryEventType } from "../gen/spark/connect/commands_pb.ts";
import { runCommand } from "./commands.ts";
import { relationToFrame, jsonSchemaToDDL } from "./relation_to_frame.ts";
import { type Operation, type ServerSession, ServerSessions } from "./server_session.ts";
import { toConnectError } from "./server_error.ts";
import { CLIENT_CONF_DEFAULTS } from "./client_conf_defaults.ts";
import { stringifyExact } from "../../json/exact_json.ts";

type ResponseType = MessageInitShape<typeof ExecutePlanResponseSchema>["responseType"];

export function connectService(sessions: ServerSessions): Partial<ServiceImpl<typeof SparkConnectService>> {
  const sessionOf = (r: { sessionId: string; userContext?: { userId: string }; clientObservedServerSideSessionId?: string }) => {
    try {
      return sessions.get(r.sessionId, r.userContext?.userId ?? "", r.clientObservedServerSideSessionId);
    } catch (e) {
      throw toConnectError(e);
    }
  };

  async function* replay(op: Operation, after: string | undefined): AsyncGenerator<ExecutePlanResponse> {
    let i = after === undefined ? 0 : op.responses.findIndex((r) => r.responseId === after) + 1;
    for (;;) {
      while (i < op.responses.length) yield op.responses[i++]!;
      if (op.complete) return;
      await new Promise<void>((r) => (op.notify = r));
    }
  }

  return {
    async *executePlan(req: ExecutePlanRequest) {
      const s = sessionOf(req);
      const operationId = req.operationId || randomUUID();
      const op: Operation = { tags: [...req.tags], abort: new AbortController(), responses: [], complete: false };
      s.operations.set(operationId, op);
      const push = (responseType: ResponseType, schema?: ReturnType<typeof toProtoType>) => {
        // An interrupted operation has ended: what its work still produces is not sent.
        if (op.abort.signal.aborted) return;
        op.responses.push(create(ExecutePlanResponseSchema, {
          sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, operationId, responseId: randomUUID(), responseType, schema,
        }));
        op.notify?.();
      };
      const work = async () => {
        const plan = req.plan?.opType;
        if (plan?.case === "root") {
          const df = relationToFrame(s.spark, plan.value);
          const { schema, rows } = df.collectRaw();
          push({ case: "arrowBatch", value: { rowCount: BigInt(rows.length), data: arrowFromRows(rows, schema) } }, toProtoType(schema));
        } else if (plan?.case === "command") {
          const c = plan.value.commandType;
          if (c.case === "streamingQueryListenerBusCommand") {
            await listenerBus(s, c.value.command.case === "addListenerBusListener", push, op.abort.signal);
          } else {
            for (const r of await runCommand(s, plan.value)) push(r);
          }
        } else {
          throw new ConnectError("An ExecutePlan request needs a root relation or a command.", Code.InvalidArgument);
        }
      };
      const run = async () => {
        try {
          await untilAborted(work(), op.abort.signal);
          push({ case: "resultComplete", value: {} });
        } catch (e) {
          op.error = toConnectError(e);
          op.notify?.();
        } finally {
          op.complete = true;
          op.notify?.();
        }
      };
      void run();
      yield* replayOrFail(op, undefined);
    },

    async *reattachExecute(req) {
      const s = sessionOf(req);
      const op = s.operations.get(req.operationId);
      if (!op) {
        throw toConnectError(new ConnectError(`[INVALID_HANDLE.OPERATION_NOT_FOUND] The handle ${req.operationId} is invalid. Operation not found.`, Code.Internal));
      }
      yield* replayOrFail(op, req.lastResponseId);
    },

    async releaseExecute(req) {
      const s = sessionOf(req);
      const op = s.operations.get(req.operationId);
      if (op && (req.release.case === "releaseAll" || op.complete)) {
        if (req.release.case === "releaseAll") s.operations.delete(req.operationId);
      }
      return { sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, operationId: req.operationId };
    },

    async analyzePlan(req) {
      const s = sessionOf(req);
      try {
        return create(AnalyzePlanResponseSchema, { sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, result: analyze(s, req) });
      } catch (e) {
        throw toConnectError(e);
      }
    },

    async config(req) {
      const s = sessionOf(req);
      try {
        return create(ConfigResponseSchema, { sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, ...config(s, req) });
      } catch (e) {
        throw toConnectError(e);
      }
    },

    async interrupt(req) {
      const s = sessionOf(req);
      const named = interruptFilter(req);
      const interruptedIds: string[] = [];
      for (const [id, op] of s.operations) {
        if (op.complete || op.abort.signal.aborted || !named(id, op)) continue;
        op.abort.abort();
        interruptedIds.push(id);
      }
      return { sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, interruptedIds };
    },

    async releaseSession(req) {
      await sessions.release(req.sessionId, req.userContext?.userId ?? "");
      return { sessionId: req.sessionId, serverSideSessionId: "" };
    },

    async addArtifacts() {
      throw toConnectError(new ConnectError(
        "[UNSUPPORTED_FEATURE.ARTIFACTS] Sluice's Spark Connect server does not load artifacts (jars, Python files, archives): it runs no JVM or Python code.",
        Code.Unimplemented,
      ));
    },

    async artifactStatus(req) {
      const s = sessionOf(req);
      return { sessionId: s.sessionId, serverSideSessionId: s.serverSideSessionId, statuses: {} };
    },
  };

  async function* replayOrFail(op: Operation, after: string | undefined): AsyncGenerator<ExecutePlanResponse> {
    for await (const r of replay(op, after)) yield r;
    if (op.error) throw op.error;
  }
}

/** Which operations an Interrupt request names: all, those with a tag, or one by id. */
function interruptFilter(req: InterruptRequest): (id: string, op: Operation) => boolean {
  const { interrupt } = req;
  switch (req.interruptType) {
    case InterruptRequest_InterruptType.ALL:
      return () => true;
    case InterruptRequest_InterruptType.TAG:
      return (_, op) => interrupt.case === "operationTag" && op.tags.includes(interrupt.value);
    case InterruptRequest_InterruptType.OPERATION_ID:
      return (id) => interrupt.case === "operationId" && interrupt.value === id;
    default:
      throw toConnectError(userError("INVALID_PLAN_INPUT", "An Interrupt request needs an interrupt type (all, tag or operation id).", { sqlState: "42000" }));
  }
}

/** The work's outcome, or Spark's OPERATION_CANCELED once the signal aborts (the work is left to finish on its own). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const canceled = () => reject(userError("OPERATION_CANCELED", "Operation has been canceled.", { sqlState: "HY008" }));
    if (signal.aborted) return canceled();
    signal.addEventListener("abort", canceled, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", canceled));
  });
}

/** The listener bus: a long-running response stream of the session's query events. */
async function listenerBus(s: ServerSession, add: boolean, push: (r: ResponseType) => void, signal: AbortSignal): Promise<void> {
  if (!add) {
    s.closeListenerBus?.();
    return;
  }
  s.closeListenerBus?.();
  const send = (eventType: StreamingQueryEventType, event: unknown) =>
    push({ case: "streamingQueryListenerEventsResult", value: { events: [{ eventType, eventJson: stringifyExact(event) }] } });
  const listener: StreamingQueryListener = {
    onQueryProgress: (e) => send(StreamingQueryEventType.QUERY_PROGRESS_EVENT, { progress: e.progress }),
    onQueryIdle: (e) => send(StreamingQueryEventType.QUERY_IDLE_EVENT, e),
    onQueryTerminated: (e) => send(StreamingQueryEventType.QUERY_TERMINATED_EVENT, e),
  };
  s.spark.streams.addListener(listener);
  push({ case: "streamingQueryListenerEventsResult", value: { events: [], listenerBusListenerAdded: true } });
  await new Promise<void>((resolve) => {
    const close = () => {
      s.spark.streams.removeListener(listener);
      if (s.closeListenerBus === close) s.closeListenerBus = undefined;
      signal.removeEventListener("abort", close);
      resolve();
    };
    s.closeListenerBus = close;
    // An interrupted bus stops listening too.
    signal.addEventListener("abort", close, { once: true });
  });
}

function analyze(s: ServerSession, req: AnalyzePlanRequest): MessageInitShape<typeof AnalyzePlanResponseSchema>["result"] {
  const a = req.analyze;
  const frame = (plan: { opType: { case?: string; value?: unknown } } | undefined) => {
    if (plan?.opType.case !== "root") throw new ConnectError("AnalyzePlan needs a root relation.", Code.InvalidArgument);
    return relationToFrame(s.spark, plan.opType.value as never);
  };
  switch (a.case) {
    case "schema":
      return { case: "schema", value: { schema: toProtoType(frame(a.value.plan).schema) } };
    case "isStreaming":
      return { case: "isStreaming", value: { isStreaming: frame(a.value.plan).isStreaming } };
    case "isLocal":
      return { case: "isLocal", value: { isLocal: false } };
    case "treeString":
      return { case: "treeString", value: { treeString: frame(a.value.plan).schema.treeString() } };
    case "explain": {
      const df = frame(a.value.plan);
      let out = "";
      const saved = s.spark.stdout;
      s.spark.stdout = (t) => (out += t);
      try {
        df.explain(a.value.explainMode >= 2);
      } finally {
        s.spark.stdout = saved;
      }
      return { case: "explain", value: { explainString: out } };
    }
    case "inputFiles":
      return { case: "inputFiles", value: { files: [] } };
    case "sparkVersion":
      return { case: "sparkVersion", value: { version: s.spark.version } };
    case "ddlParse":
      return { case: "ddlParse", value: { parsed: toProtoType(parseSchemaDDL(a.value.ddlString)) } };
    case "jsonToDdl":
      return { case: "jsonToDdl", value: { ddlString: jsonSchemaToDDL(a.value.jsonString) } };
    case "persist":
      return { case: "persist", value: {} };
    case "unpersist":
      return { case: "unpersist", value: {} };
    default:
      throw new ConnectError(`[UNSUPPORTED_FEATURE.ANALYZE] Sluice's Spark Connect server does not answer ${JSON.stringify(a.case ?? "unset")}.`, Code.Unimplemented);
  }
}

function config(s: ServerSession, req: ConfigRequest): { pairs: { key: string; value?: string }[]; warnings: string[] } {
  const spark = s.spark.conf;
  const conf = {
    get: (key: string) => spark.get(key) ?? CLIENT_CONF_DEFAULTS[key],
    set: (key: string, value: string) => spark.set(key, value),
    unset: (key: string) => spark.unset(key),
    isModifiable: (key: string) => spark.isModifiable(key),
    getAll: () => ({ ...CLIENT_CONF_DEFAULTS, ...spark.getAll() }),
  };
  const op = req.operation?.opType;
  switch (op?.case) {
    case "set":
      for (const p of op.value.pairs) if (p.value !== undefined) conf.set(p.key, p.value);
      return { pairs: [], warnings: [] };
    case "get":
      return { pairs: op.value.keys.map((key) => ({ key, value: conf.get(key) })), warnings: [] };
    case "getWithDefault":
      return { pairs: op.value.pairs.map((p) => ({ key: p.key, value: conf.get(p.key) ?? p.value })), warnings: [] };
    case "getOption":
      return { pairs: op.value.keys.map((key) => ({ key, value: conf.get(key) })), warnings: [] };
    case "getAll": {
      const prefix = op.value.prefix ?? "";
      return { pairs: Object.entries(conf.getAll()).filter(([k]) => k.startsWith(prefix)).map(([key, value]) => ({ key, value })), warnings: [] };
    }
    case "unset":
      for (const k of op.value.keys) conf.unset(k);
      return { pairs: [], warnings: [] };
    case "isModifiable":
      return { pairs: op.value.keys.map((key) => ({ key, value: String(conf.isModifiable(key)) })), warnings: [] };
    default:
      throw new ConnectError("A Config request needs an operation.", Code.InvalidArgument);
  }
}
