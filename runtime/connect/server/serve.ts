// `sluice serve`'s Spark Connect endpoint: gRPC over HTTP/2 (node:http2, which Bun and Deno both
// serve) with @connectrpc/connect-node's gRPC protocol, on 127.0.0.1 unless told otherwise.
import { connectNodeAdapter } from "@connectrpc/connect-node";
import * as http2 from "node:http2";
import type { SharedState } from "../../api/shared_state.ts";
import { externalError } from "../../errors.ts";
import { SparkConnectService } from "../gen/spark/connect/base_pb.ts";
import { MAX_MESSAGE_BYTES } from "../client/rpc.ts";
import { connectService } from "./service.ts";
import { ServerSessions } from "./server_session.ts";

export interface ConnectServer {
  readonly port: number;
  readonly hostname: string;
  readonly sessions: ServerSessions;
  /** Stops accepting connections, stops every session's queries. */
  close(): Promise<void>;
}

/** Serves `app`'s sessions: each client session is a new session of that application. */
export async function startConnectServer(o: { hostname: string; port: number; app: SharedState }): Promise<ConnectServer> {
  const sessions = new ServerSessions(o.app);
  const handler = connectNodeAdapter({
    grpc: true, connect: false, grpcWeb: false,
    readMaxBytes: MAX_MESSAGE_BYTES, writeMaxBytes: MAX_MESSAGE_BYTES,
    routes(router) {
      router.service(SparkConnectService, connectService(sessions));
    },
  });
  const server = http2.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      reject(externalError("CONNECT_PORT_UNAVAILABLE", `Cannot serve Spark Connect on ${o.hostname}:${o.port}: ${e.message}.`, {
        hint: "Choose another --connect-port (0 picks a free one).",
      }));
    });
    server.listen(o.port, o.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  return {
    port,
    hostname: o.hostname,
    sessions,
    async close() {
      await sessions.closeAll();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
