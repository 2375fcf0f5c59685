// One client session of the Spark Connect server: its own SparkSession (conf, temp views, memory
// tables, queries), the queries it started (by id, for StreamingQueryCommand), and the responses of
// its operations, kept until released so that a client can reattach. The server is one application
// (a SharedState): every client session is a newSession() of its root session, as Spark Connect's
// sessions are newSession()s of the server's, sharing catalog tables and global temp views.
import { randomUUID } from "node:crypto";
import { SparkSession } from "../../api/session.ts";
import type { SharedState } from "../../api/shared_state.ts";
import type { StreamingQuery } from "../../api/streaming_query.ts";
import type { ExecutePlanResponse } from "../gen/spark/connect/base_pb.ts";
import { userError } from "../../errors.ts";

export interface Operation {
  /** The tags the client set (spark.addTag) when it started the operation, for Interrupt. */
  tags: readonly string[];
  /** Aborted by Interrupt: the operation ends with OPERATION_CANCELED. */
  abort: AbortController;
  responses: ExecutePlanResponse[];
  complete: boolean;
  /** Wakes a reattached reader when a response arrives. */
  notify?: () => void;
  /** The error the operation ended with, sent after its responses. */
  error?: unknown;
}

export class ServerSession {
  readonly spark: SparkSession;
  readonly serverSideSessionId = randomUUID();
  readonly queries = new Map<string, StreamingQuery>();
  readonly operations = new Map<string, Operation>();
  /** Stops the listener bus stream, when one is open. */
  closeListenerBus?: () => void;

  constructor(root: SparkSession, readonly sessionId: string, readonly userId: string) {
    this.spark = root.newSession();
  }

  query(id: string): StreamingQuery {
    const q = this.queries.get(id);
    if (!q) throw userError("INVALID_HANDLE.QUERY_NOT_FOUND", `The handle ${id} is invalid. Query not found.`, { sqlState: "HY000" });
    return q;
  }

  async close(): Promise<void> {
    this.closeListenerBus?.();
    await this.spark.stop();
  }
}

/** The server's sessions by (user, session id). A client that disconnects keeps its session, as in Spark. */
export class ServerSessions {
  private readonly sessions = new Map<string, ServerSession>();
  /** The application's root session, never handed to a client: client sessions are made from it. */
  private readonly root: SparkSession;

  constructor(app: SharedState) {
    this.root = new SparkSession(app);
  }

  get(sessionId: string, userId: string, observedServerSideId: string | undefined): ServerSession {
    const key = `${userId}\u0000${sessionId}`;
    let s = this.sessions.get(key);
    if (s && observedServerSideId && observedServerSideId !== s.serverSideSessionId) {
      throw userError("INVALID_HANDLE.SESSION_CHANGED", `The handle ${sessionId} is invalid. The existing Spark server driver instance has restarted. Please reconnect.`, { sqlState: "HY000" });
    }
    if (!s) {
      if (observedServerSideId) {
        throw userError("INVALID_HANDLE.SESSION_CHANGED", `The handle ${sessionId} is invalid. The existing Spark server driver instance has restarted. Please reconnect.`, { sqlState: "HY000" });
      }
      s = new ServerSession(this.root, sessionId, userId);
      this.sessions.set(key, s);
    }
    return s;
  }

  async release(sessionId: string, userId: string): Promise<void> {
    const key = `${userId}\u0000${sessionId}`;
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    await s?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close()));
  }

  get size(): number {
    return this.sessions.size;
  }
}
