// ExecutePlan's commands: SQL, views, starting streaming queries, StreamingQueryCommand,
// StreamingQueryManagerCommand. Each answers with the responses Spark's server sends for it.
import { stringifyExact } from "../../json/exact_json.ts";
import { streamingTargetTable } from "../../sql/table_commands.ts";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { userError } from "../../errors.ts";
import type { StreamingQuery } from "../../api/streaming_query.ts";
import { parseStatement } from "../../sql/statement_parser.ts";
import { parseTrigger, type TriggerSpec } from "../../scheduler/trigger.ts";
import { type QueryDefinition, startQuery } from "../../engine/start_query.ts";
import { ExecutePlanResponseSchema } from "../gen/spark/connect/base_pb.ts";
import type { Command, StreamingQueryCommand, StreamingQueryManagerCommand, WriteStreamOperationStart } from "../gen/spark/connect/commands_pb.ts";
import { RelationSchema } from "../gen/spark/connect/relations_pb.ts";
import { relationToFrame } from "./relation_to_frame.ts";
import type { ServerSession } from "./server_session.ts";
import { toConnectError } from "./server_error.ts";
import { pythonFunctionRefused } from "./python_function_refused.ts";

type ResponseType = MessageInitShape<typeof ExecutePlanResponseSchema>["responseType"];


/** The responses (before result_complete) for one command. */
export async function runCommand(s: ServerSession, command: Command): Promise<ResponseType[]> {
  const c = command.commandType;
  switch (c.case) {
    case "sqlCommand": {
      const sql = c.value.input?.relType.case === "sql" ? c.value.input.relType.value : undefined;
      if (!sql) throw userError("INVALID_PLAN_INPUT", "A SQL command needs a SQL relation.", { sqlState: "42000" });
      const statement = parseStatement(sql.query);
      if (statement.kind === "query") {
        // A query stays lazy: the client gets the relation back and runs it when it wants rows.
        return [{ case: "sqlCommandResult", value: { relation: c.value.input } }];
      }
      // Commands run now, as Spark runs them; their output becomes a local relation.
      const df = relationToFrame(s.spark, c.value.input);
      const { schema, rows } = df.collectRaw();
      const { arrowFromRows } = await import("../arrow_rows.ts");
      const local = create(RelationSchema, { relType: { case: "localRelation", value: { data: arrowFromRows(rows, schema) } } });
      return [{ case: "sqlCommandResult", value: { relation: local } }];
    }
    case "createDataframeView": {
      const df = relationToFrame(s.spark, c.value.input);
      if (c.value.isGlobal) df.createOrReplaceGlobalTempView(c.value.name);
      else if (c.value.replace) df.createOrReplaceTempView(c.value.name);
      else df.createTempView(c.value.name);
      return [];
    }
    case "writeStreamOperationStart":
      return [{ case: "writeStreamOperationStartResult", value: startStreamingQuery(s, c.value) }];
    case "streamingQueryCommand":
      return [{ case: "streamingQueryCommandResult", value: await queryCommand(s, c.value) }];
    case "streamingQueryManagerCommand":
      return [{ case: "streamingQueryManagerCommandResult", value: await managerCommand(s, c.value) }];
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_COMMAND", `Sluice's Spark Connect server does not support the command ${JSON.stringify(c.case ?? "unset")}.`, { sqlState: "0A000" });
  }
}

/**
 * WriteStreamOperationStart as the engine's QueryDefinition, started through its one entry point
 * (engine/start_query.ts), as DataStreamWriter.start() does for a TypeScript pipeline.
 */
function startStreamingQuery(s: ServerSession, w: WriteStreamOperationStart) {
  if (w.foreachBatch) throw pythonFunctionRefused("foreachBatch");
  if (w.foreachWriter) throw pythonFunctionRefused("foreach");
  const df = relationToFrame(s.spark, w.input);
  const t = w.trigger;
  const spec: TriggerSpec | undefined = t.case === "processingTimeInterval" ? { processingTime: t.value }
    : t.case === "availableNow" ? { availableNow: true } : t.case === "once" ? { once: true }
    : t.case === "continuousCheckpointInterval" ? { continuous: t.value } : undefined;
  const dest = w.sinkDestination;
  const options: Record<string, string> = { ...w.options };
  if (dest.case === "path") options.path = dest.value;
  // toTable(name): the catalog table, created when missing, as the embedded writer's toTable.
  const table = dest.case === "tableName"
    ? streamingTargetTable(s.spark, dest.value, w.format || undefined, df.schema, w.partitioningColumnNames) : undefined;
  if (table) options.path = table.location;
  const definition: QueryDefinition = {
    session: s.spark,
    plan: df.plan,
    sink: { kind: "format", format: table ? table.provider : w.format || undefined },
    options,
    partitionBy: w.partitioningColumnNames,
    outputMode: w.outputMode || undefined,
    trigger: spec ? parseTrigger(spec) : undefined,
    name: w.queryName || null,
  };
  const q = startQuery(definition);
  s.queries.set(q.id, q);
  s.queries.set(q.runId, q);
  const started = { id: q.id, runId: q.runId, name: q.name, timestamp: new Date().toISOString() };
  return { queryId: { id: q.id, runId: q.runId }, name: q.name ?? "", queryStartedEventJson: JSON.stringify(started) };
}

function errorClassOf(e: Error | null): string | undefined {
  return (e as { code?: string } | null)?.code;
}

async function queryCommand(s: ServerSession, cmd: StreamingQueryCommand) {
  const q: StreamingQuery = s.query(cmd.queryId?.runId || cmd.queryId?.id || "");
  const queryId = { id: q.id, runId: q.runId };
  const c = cmd.command;
  switch (c.case) {
    case "status": {
      const st = q.status;
      return { queryId, resultType: { case: "status" as const, value: { statusMessage: st.message, isDataAvailable: st.isDataAvailable, isTriggerActive: st.isTriggerActive, isActive: q.isActive } } };
    }
    case "lastProgress": {
      const last = q.lastProgress;
      return { queryId, resultType: { case: "recentProgress" as const, value: { recentProgressJson: last ? [stringifyExact(last)] : [] } } };
    }
    case "recentProgress":
      return { queryId, resultType: { case: "recentProgress" as const, value: { recentProgressJson: q.recentProgress.map((p) => stringifyExact(p)) } } };
    case "stop":
      await q.stop();
      return { queryId };
    case "processAllAvailable":
      await q.processAllAvailable();
      return { queryId };
    case "explain":
      return { queryId, resultType: { case: "explain" as const, value: { result: q.explainString(c.value.extended) } } };
    case "exception": {
      const e = q.exception();
      return { queryId, resultType: { case: "exception" as const, value: e ? { exceptionMessage: e.message, errorClass: errorClassOf(e), stackTrace: e.stack } : {} } };
    }
    case "awaitTermination": {
      let terminated: boolean;
      try {
        // The protocol's milliseconds; Sluice's awaitTermination takes seconds, as PySpark's.
        terminated = await q.awaitTermination(c.value.timeoutMs === undefined ? undefined : Number(c.value.timeoutMs) / 1000);
      } catch (e) {
        throw toConnectError(e, { streaming: true });
      }
      return { queryId, resultType: { case: "awaitTermination" as const, value: { terminated } } };
    }
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_COMMAND", `Unknown StreamingQueryCommand ${JSON.stringify(c.case ?? "unset")}.`, { sqlState: "0A000" });
  }
}

async function managerCommand(s: ServerSession, cmd: StreamingQueryManagerCommand) {
  const c = cmd.command;
  const streams = s.spark.streams;
  const instance = (q: StreamingQuery) => ({ id: { id: q.id, runId: q.runId }, name: q.name ?? undefined });
  switch (c.case) {
    case "active":
      return { resultType: { case: "active" as const, value: { activeQueries: streams.active.map(instance) } } };
    case "getQuery": {
      const q = streams.get(c.value);
      return q ? { resultType: { case: "query" as const, value: instance(q) } } : {};
    }
    case "awaitAnyTermination": {
      let terminated: boolean;
      try {
        terminated = await streams.awaitAnyTermination(c.value.timeoutMs === undefined ? undefined : Number(c.value.timeoutMs) / 1000);
      } catch (e) {
        throw toConnectError(e, { streaming: true });
      }
      return { resultType: { case: "awaitAnyTermination" as const, value: { terminated } } };
    }
    case "resetTerminated":
      streams.resetTerminated();
      return { resultType: { case: "resetTerminated" as const, value: true } };
    case "listListeners":
      return { resultType: { case: "listListeners" as const, value: { listenerIds: [] } } };
    case "addListener": case "removeListener":
      throw pythonFunctionRefused("A server-side StreamingQueryListener");
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_COMMAND", `Unknown StreamingQueryManagerCommand ${JSON.stringify(c.case ?? "unset")}.`, { sqlState: "0A000" });
  }
}
