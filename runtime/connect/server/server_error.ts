// A Sluice error as the gRPC error a Spark Connect server sends: the status message is the error's
// text and a google.rpc.ErrorInfo carries Spark's error class, SQLSTATE and the JVM exception
// classes PySpark maps to its own exception types (AnalysisException, ParseException,
// ArithmeticException, NumberFormatException, StreamingQueryException, …).
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { SluiceError } from "../../errors.ts";
import { ErrorInfoSchema } from "../gen/google/rpc/error_details_pb.ts";

/** The exception class hierarchy Spark would have thrown for an error of this class and state. */
export function exceptionClasses(code: string, sqlState: string | undefined, streaming: boolean): string[] {
  if (streaming) return ["org.apache.spark.sql.streaming.StreamingQueryException", "org.apache.spark.SparkThrowable"];
  // UnsupportedOperationChecker's errors: an AnalysisException without a SQLSTATE.
  if (code === "_LEGACY_ERROR_TEMP_3102") return ["org.apache.spark.sql.AnalysisException"];
  if (code === "OPERATION_CANCELED") return ["org.apache.spark.SparkSQLException", "java.sql.SQLException"];
  if (code.startsWith("PARSE_") || sqlState === "42601") return ["org.apache.spark.sql.catalyst.parser.ParseException", "org.apache.spark.sql.AnalysisException"];
  if (code === "DIVIDE_BY_ZERO" || code.startsWith("ARITHMETIC_OVERFLOW") || code === "NUMERIC_VALUE_OUT_OF_RANGE" || code.startsWith("INTERVAL_ARITHMETIC")) {
    return ["org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException"];
  }
  if (code.startsWith("CAST_INVALID_INPUT")) return ["org.apache.spark.SparkNumberFormatException", "java.lang.NumberFormatException"];
  if (code.startsWith("DATETIME_") || code.startsWith("CANNOT_PARSE_TIMESTAMP")) return ["org.apache.spark.SparkDateTimeException", "java.time.DateTimeException"];
  if (sqlState?.startsWith("42") || sqlState?.startsWith("0A") || code.startsWith("UNSUPPORTED") || code.startsWith("STREAMING_OUTPUT_MODE")) {
    return ["org.apache.spark.sql.AnalysisException"];
  }
  if (sqlState?.startsWith("22") || sqlState?.startsWith("XX")) return ["org.apache.spark.SparkRuntimeException", "java.lang.RuntimeException"];
  return ["org.apache.spark.SparkException"];
}

export function toConnectError(e: unknown, o: { streaming?: boolean } = {}): ConnectError {
  if (e instanceof ConnectError) return e;
  const err = e instanceof SluiceError ? e : undefined;
  const code = err?.code ?? "INTERNAL_ERROR";
  const sqlState = err?.sqlState ?? (err ? undefined : "XX000");
  const message = e instanceof Error ? e.message : String(e);
  const classes = exceptionClasses(code, sqlState, o.streaming ?? false);
  const metadata: Record<string, string> = { classes: JSON.stringify(classes) };
  // Only Spark's own classes (UPPER_CASE) are error classes a client can branch on.
  if (/^_?[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/.test(code)) metadata.errorClass = code;
  if (sqlState) metadata.sqlState = sqlState;
  const info = create(ErrorInfoSchema, { reason: classes[0]!, domain: "org.apache.spark", metadata });
  return new ConnectError(message, Code.Internal, undefined, [{ desc: ErrorInfoSchema, value: info }]);
}
