// The gRPC side of a Spark Connect client: one HTTP/2 connection (@connectrpc/connect-node's gRPC
// transport over node:http2, which Bun and Deno both provide), every call retried by Spark's
// policy, and ExecutePlan made reattachable as Spark's clients make it: the server buffers the
// responses, the client acknowledges them with ReleaseExecute, and a stream that breaks is picked
// up again with ReattachExecute after the last response received.
import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import {
  type ExecutePlanRequest, ExecutePlanRequest_RequestOptionSchema, type ExecutePlanResponse, ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema, SparkConnectService,
} from "../gen/spark/connect/base_pb.ts";
import { baseUrlOf, type ConnectionString } from "../connection_string.ts";
import { DEFAULT_RETRY_POLICY, RetryNow, withRetries, type RetryPolicy } from "./retry_policy.ts";

/** Largest message accepted from the server (Spark's default for its clients is 128 MiB). */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

export type ServiceClient = Client<typeof SparkConnectService>;

export class SparkConnectRpc {
  readonly client: ServiceClient;
  constructor(conn: ConnectionString, readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    const headers: Interceptor = (next) => async (req) => {
      if (conn.token !== undefined) req.header.set("authorization", `Bearer ${conn.token}`);
      for (const [k, v] of Object.entries(conn.headers)) req.header.set(k, v);
      return next(req);
    };
    const transport = createGrpcTransport({
      baseUrl: baseUrlOf(conn),
      interceptors: [headers],
      readMaxBytes: MAX_MESSAGE_BYTES,
      writeMaxBytes: MAX_MESSAGE_BYTES,
    });
    this.client = createClient(SparkConnectService, transport);
  }

  /** A unary call with retries. */
  unary<T>(call: (c: ServiceClient) => Promise<T>): Promise<T> {
    return withRetries(() => call(this.client), this.policy);
  }

  /** ExecutePlan, reattachable: yields every response once, in order, until result_complete. */
  async *execute(request: ExecutePlanRequest): AsyncGenerator<ExecutePlanResponse> {
    request.operationId ||= randomUUID();
    request.requestOptions.push(create(ExecutePlanRequest_RequestOptionSchema, {
      requestOption: { case: "reattachOptions", value: { reattachable: true } },
    }));
    const base = {
      sessionId: request.sessionId,
      userContext: request.userContext,
      operationId: request.operationId,
      clientType: request.clientType,
      clientObservedServerSideSessionId: request.clientObservedServerSideSessionId,
    };
    let lastResponseId: string | undefined;
    let complete = false;
    const release = (untilResponseId?: string) => {
      const req = create(ReleaseExecuteRequestSchema, {
        ...base,
        release: untilResponseId === undefined
          ? { case: "releaseAll", value: {} }
          : { case: "releaseUntil", value: { responseId: untilResponseId } },
      });
      // Fire and forget, as Spark's clients do: the server also drops abandoned executions.
      this.unary((c) => c.releaseExecute(req)).catch(() => {});
    };
    let stream: AsyncIterator<ExecutePlanResponse> | undefined = this.client.executePlan(request)[Symbol.asyncIterator]();
    const nextResponse = () => withRetries(async () => {
      stream ??= this.client.reattachExecute(create(ReattachExecuteRequestSchema, { ...base, lastResponseId }))[Symbol.asyncIterator]();
      try {
        return await stream.next();
      } catch (e) {
        const msg = e instanceof ConnectError ? e.rawMessage : "";
        if (/INVALID_HANDLE\.(OPERATION|SESSION)_NOT_FOUND/.test(msg)) {
          // The first ExecutePlan never reached the server: send it again, unless responses came.
          if (lastResponseId !== undefined) {
            throw new ConnectError(`[RESPONSE_ALREADY_RECEIVED] The server lost the operation after sending responses: ${msg}`, Code.Internal);
          }
          stream = this.client.executePlan(request)[Symbol.asyncIterator]();
          throw new RetryNow();
        }
        stream = undefined;
        throw e;
      }
    }, this.policy);
    try {
      while (!complete) {
        const next = await nextResponse();
        if (next.done) {
          // The server ended the stream before the result was complete: reattach.
          stream = undefined;
          continue;
        }
        const r = next.value;
        lastResponseId = r.responseId;
        if (r.responseType.case === "resultComplete") {
          complete = true;
          release();
        } else {
          release(lastResponseId);
        }
        yield r;
      }
    } catch (e) {
      if (!complete) release();
      throw e;
    }
  }
}
