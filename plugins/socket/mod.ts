// Spark's `socket` source (TextSocketMicroBatchStream): connects to host:port and turns every line
// of text it receives into a row `value` (plus `timestamp`, the time the line arrived, with
// includeTimestamp). For trying things out with `nc -lk 9999` or scripts/socket_server.ts.
//
// NOT fault-tolerant, exactly like Spark's: received lines live only in this process's memory until
// the query commits them, and the server cannot send them again. After a restart the lines of an
// uncommitted batch are gone (a warning says so) and numbering carries on from the checkpoint.
//
// Offsets are Spark's LongOffset: the number of the last line received, counting from 0, so -1
// before any line. As in Spark, the first batch runs at once over the empty range (null, -1] (the
// console shows an empty "Batch: 0"), and each later batch takes every line received since.
import { createConnection, type Socket } from "node:net";
import { externalError, internalError, userError, defineSource, STRING, StructField, StructType, TIMESTAMP, type Logger, type Offset, type Row, type SourceReader } from "sluice/plugin-sdk";

export interface SocketOptions {
  host: string;
  port: number;
  includeTimestamp: boolean;
  numPartitions?: number;
}

/** How long connecting may take before the query fails. */
const connectTimeoutMs = 30_000;
const noLine = -1;

const VALUE_SCHEMA = new StructType([new StructField("value", STRING, true)]);
const VALUE_TIMESTAMP_SCHEMA = new StructType([new StructField("value", STRING, true), new StructField("timestamp", TIMESTAMP, true)]);

export default defineSource<SocketOptions>({
  name: "socket",
  summary:
    "Reads lines of UTF-8 text from a TCP server (host:port), one row per line (for trying things out; NOT fault-tolerant: lines not yet committed are lost on a restart).",
  userSchema: "none",
  options: {
    type: "object",
    additionalProperties: false,
    required: ["host", "port"],
    properties: {
      host: { type: "string", minLength: 1, description: "The host to connect to, e.g. localhost." },
      port: { type: "integer", minimum: 0, maximum: 65535, description: "The TCP port to connect to, e.g. 9999." },
      includeTimestamp: {
        type: "boolean",
        default: false,
        description: "Add a column `timestamp` holding when each line was received.",
      },
      numPartitions: {
        type: "integer",
        exclusiveMinimum: 0,
        description:
          "The number of partitions each batch's lines are spread over (line i goes to partition i mod n; rows come out partition by partition). Default: Spark's default parallelism, 1 in Sluice.",
      },
    },
  },
  examples: [
    { title: "Lines from `nc -lk 9999` on this machine", options: { host: "localhost", port: 9999 } },
    { title: "With the time each line arrived", options: { host: "localhost", port: 9999, includeTimestamp: true } },
  ],
  schema(options, userSchema) {
    if (userSchema !== undefined) throw userSchemaError();
    return schemaOf(options);
  },
  create(options, ctx) {
    // Refusals are thrown at once (not as a rejected promise), so a batch read reports them as is.
    if (ctx.userSchema !== undefined) throw userSchemaError();
    // The provider only supports streaming reads; spark.read falls back to v1 and finds no relation.
    if (!ctx.streaming) throw userError("_LEGACY_ERROR_TEMP_1135", "socket is not a valid Spark SQL Data Source.");
    ctx.log.warn("The socket source should not be used for production applications! It does not support recovery.");
    return connect(options.host, options.port).then((socket) => new SocketReader(socket, options, () => ctx.clock.nowMs(), ctx.log));
  },
});

function schemaOf(options: SocketOptions): StructType {
  return options.includeTimestamp ? VALUE_TIMESTAMP_SCHEMA : VALUE_SCHEMA;
}

function userSchemaError() {
  return userError("_LEGACY_ERROR_TEMP_2242", "TextSocketSourceProvider source does not support user-specified schema.");
}

function connect(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const fail = (cause: Error) => {
      socket.destroy();
      reject(externalError("SOCKET_CONNECT_FAILED", `The socket source could not connect to ${host}:${port}: ${cause.message}`, {
        cause,
        hint: `Start the server first, e.g. \`nc -lk ${port}\` or \`bun scripts/socket_server.ts --port ${port}\`.`,
      }));
    };
    socket.setTimeout(connectTimeoutMs, () => fail(new Error(`no answer within ${connectTimeoutMs} ms`)));
    socket.once("error", fail);
    socket.once("connect", () => {
      socket.setTimeout(0);
      socket.off("error", fail);
      resolve(socket);
    });
  });
}

class SocketReader implements SourceReader {
  readonly schema: StructType;
  readonly description: string;
  readonly #socket: Socket;
  readonly #includeTimestamp: boolean;
  readonly #partitions: number;
  readonly #log: Logger;
  /** Lines received and not yet committed: #lines[i] is line number #committed + 1 + i. */
  #lines: Row[] = [];
  /** The offset of the last line dropped by commit (or lost in a restart). */
  #committed = noLine;
  /** No offset asked for or handed out yet: a query restarted from a checkpoint may still renumber the lines. */
  #fresh = true;
  #pending = "";
  #skipLineFeed = false;
  readonly #decoder = new TextDecoder("utf-8");

  constructor(socket: Socket, o: SocketOptions, now: () => number, log: Logger) {
    this.schema = schemaOf(o);
    this.description = `TextSocketV2[host: ${o.host}, port: ${o.port}]`;
    this.#socket = socket;
    this.#includeTimestamp = o.includeTimestamp;
    this.#partitions = o.numPartitions ?? 1;
    this.#log = log;
    socket.on("data", (chunk: Uint8Array) => this.#receive(this.#decoder.decode(chunk, { stream: true }), now()));
    socket.on("end", () => {
      this.#receive(this.#decoder.decode(), now());
      // A last line without a line break still counts, as with Java's readLine().
      if (this.#pending !== "") this.#add(this.#pending, now());
      this.#pending = "";
      log.warn(`Stream closed by ${o.host}:${o.port}`);
    });
    socket.on("error", (e) => log.warn(`The socket source lost ${o.host}:${o.port}: ${e.message}`));
  }

  /** The last line received (Spark's currentOffset). */
  latestOffset(start: Offset): Offset {
    // A query restarted from a checkpoint carries on after its last offset.
    if (this.#fresh && start !== null) this.#renumber(asLine(start));
    this.#fresh = false;
    return this.#current();
  }

  getBatch(start: Offset, end: Offset): Row[] {
    const s = start === null ? noLine : asLine(start);
    const e = asLine(end);
    if (e < s) throw internalError(`The socket source was asked for the lines after ${s} up to ${e}, which is backwards.`);
    if (this.#fresh) {
      // Asked before any latestOffset: a restarted query re-running its last, uncommitted batch. Those
      // lines were received by the previous run and are gone: run the batch empty, number new lines after it.
      if (e > s) {
        this.#log.warn(`The socket source lost lines ${s + 1} to ${e}: they were received before the restart and never committed (the socket source is not fault-tolerant).`);
      }
      this.#renumber(e);
      this.#fresh = false;
      return [];
    }
    if (s < this.#committed || e > this.#current()) {
      throw externalError(
        "SOCKET_LINES_UNAVAILABLE",
        `The socket source cannot give the lines after ${s} up to ${e}: it holds only lines ${this.#committed + 1} to ${this.#current()} (lines are kept in memory until their batch commits; the socket source is not fault-tolerant).`,
      );
    }
    const rows = this.#lines.slice(s - this.#committed, e - this.#committed);
    if (this.#partitions === 1) return rows;
    // Spark's planInputPartitions: line i of the batch goes to partition i mod numPartitions.
    const out: Row[] = [];
    for (let p = 0; p < this.#partitions; p++) for (let i = p; i < rows.length; i += this.#partitions) out.push(rows[i]!);
    return out;
  }

  /** Drops the lines up to `end`: they are never needed again. */
  commit(end: Offset): void {
    const e = asLine(end);
    if (e < this.#committed) {
      throw internalError(`Offsets committed out of order: ${this.#committed} followed by ${e}`);
    }
    this.#lines.splice(0, e - this.#committed);
    this.#committed = e;
  }

  stop(): void {
    this.#socket.destroy();
  }

  #current(): number {
    return this.#committed + this.#lines.length;
  }

  /** Numbers the lines held so far (and all later ones) as coming after `last`. */
  #renumber(last: number): void {
    if (last > this.#committed) this.#committed = last;
  }

  /** Splits text into lines at \n, \r or \r\n (Java's readLine), keeping a partial last line. */
  #receive(text: string, nowMs: number): void {
    let from = 0;
    if (this.#skipLineFeed && text.startsWith("\n")) from = 1;
    this.#skipLineFeed = false;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#add(this.#pending + text.slice(from, i), nowMs);
      this.#pending = "";
      if (c === 13) {
        if (i + 1 === text.length) this.#skipLineFeed = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      from = i + 1;
    }
    this.#pending += text.slice(from);
  }

  #add(line: string, nowMs: number): void {
    this.#lines.push(this.#includeTimestamp ? [line, nowMs * 1000] : [line]);
  }
}

function asLine(offset: Offset): number {
  const n = typeof offset === "string" ? Number(offset) : offset;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < noLine) {
    throw internalError(`The socket source's offset must be a line number (LongOffset), found ${JSON.stringify(offset)}.`);
  }
  return n;
}
