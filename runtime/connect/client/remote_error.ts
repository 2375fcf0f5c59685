// A Spark Connect server's error as a SluiceError with Spark's error class, SQLSTATE and message.
// The class and state come from the google.rpc.ErrorInfo in the gRPC status details (metadata
// "errorClass", "sqlState"), as PySpark reads them; the message is the status message without the
// "[CLASS] " prefix and the " SQLSTATE: …" tail (SluiceError adds both back).
import { Code, ConnectError } from "@connectrpc/connect";
import { SluiceError } from "../../errors.ts";
import { ErrorInfoSchema } from "../gen/google/rpc/error_details_pb.ts";

export function remoteError(e: unknown, url?: string): unknown {
  if (!(e instanceof ConnectError)) return e;
  const info = e.findDetails(ErrorInfoSchema)[0];
  const errorClass = info?.metadata.errorClass;
  const sqlState = info?.metadata.sqlState;
  let message = e.rawMessage;
  if (errorClass) {
    const prefix = `[${errorClass}] `;
    if (message.startsWith(prefix)) message = message.slice(prefix.length);
    const tail = message.indexOf(" SQLSTATE: ");
    if (tail >= 0) message = message.slice(0, tail);
    return new SluiceError(errorClass, message, { sqlState, kind: "user", cause: e });
  }
  if (e.code === Code.Unavailable || e.code === Code.DeadlineExceeded) {
    return new SluiceError("CONNECT_UNAVAILABLE", `The Spark Connect server${url ? ` at ${url}` : ""} cannot be reached: ${message}`, {
      kind: "external", cause: e, hint: "Check that the server runs and the sc:// address (host and port) is right.",
    });
  }
  // Without an error class: the JVM exception's class name (ErrorInfo.reason) and its message.
  const reason = info?.reason;
  return new SluiceError(reason ? "SPARK_CONNECT_ERROR" : `GRPC_${Code[e.code].toUpperCase()}`, reason ? `(${reason}) ${message}` : message, {
    kind: "external", cause: e,
  });
}
