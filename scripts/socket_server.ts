// The tutorial's socket server, for the `socket` source: listens on a TCP port and sends every line
// typed on stdin to every connected client (what `nc -lk 9999` does). With --file it sends each
// client that file's lines instead, one every --interval milliseconds, then the lines typed on stdin.
//
//   bun scripts/socket_server.ts [--host 127.0.0.1] [--port 9999] [--file F] [--interval MS]
//
// then, in another terminal, a pipeline reading
//   spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()
import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import process from "node:process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

export interface SocketServerOptions {
  host?: string;
  /** 0 picks a free port (see `port` on the result). */
  port?: number;
  /** Lines sent to each client when it connects, `intervalMs` apart. */
  lines?: readonly string[];
  intervalMs?: number;
  /** Progress messages (client connected, …). */
  log?: (message: string) => void;
}

export interface SocketServer {
  readonly host: string;
  readonly port: number;
  /** How many clients are connected. */
  readonly clients: number;
  /** Sends one line (a "\n" is added) to every connected client. */
  send(line: string): void;
  close(): Promise<void>;
}

export const defaultHost = "127.0.0.1";
export const defaultPort = 9999;
export const defaultIntervalMs = 1000;

export function startSocketServer(o: SocketServerOptions = {}): Promise<SocketServer> {
  const host = o.host ?? defaultHost;
  const log = o.log ?? (() => {});
  const clients = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((client) => {
    clients.add(client);
    const peer = `${client.remoteAddress}:${client.remotePort}`;
    log(`client connected from ${peer}`);
    client.on("close", () => {
      clients.delete(client);
      log(`client ${peer} disconnected`);
    });
    client.on("error", () => clients.delete(client));
    replay(client, o.lines ?? [], o.intervalMs ?? defaultIntervalMs, timers);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? defaultPort, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : (o.port ?? defaultPort);
      resolve({
        host,
        port,
        get clients() {
          return clients.size;
        },
        send(line) {
          for (const c of clients) c.write(`${line}\n`);
        },
        close() {
          for (const t of timers) clearTimeout(t);
          for (const c of clients) c.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

/** Sends `lines` to one client, `intervalMs` apart (the first at once). */
function replay(client: Socket, lines: readonly string[], intervalMs: number, timers: Set<ReturnType<typeof setTimeout>>): void {
  let i = 0;
  const next = () => {
    if (i >= lines.length || client.destroyed) return;
    client.write(`${lines[i++]}\n`);
    const t = setTimeout(() => {
      timers.delete(t);
      next();
    }, intervalMs);
    timers.add(t);
  };
  next();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      host: { type: "string", default: defaultHost },
      port: { type: "string", default: String(defaultPort) },
      file: { type: "string" },
      interval: { type: "string", default: String(defaultIntervalMs) },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("Usage: bun scripts/socket_server.ts [--host H] [--port P] [--file F] [--interval MS]\n");
    return;
  }
  const port = Number(values.port);
  const intervalMs = Number(values.interval);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got '${values.port}'`);
  if (!Number.isFinite(intervalMs) || intervalMs < 0) throw new Error(`--interval must be milliseconds, got '${values.interval}'`);
  const lines = values.file === undefined ? [] : readFileSync(values.file, "utf8").split(/\r?\n/).filter((l, i, all) => l !== "" || i < all.length - 1);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const server = await startSocketServer({ host: values.host, port, lines, intervalMs, log });
  const what = values.file === undefined ? "" : `; each client gets ${values.file} (${lines.length} lines, ${intervalMs} ms apart)`;
  const quit = values.file === undefined ? "Ctrl-D or Ctrl-C to quit" : "Ctrl-C to quit";
  log(`listening on ${server.host}:${server.port}${what}; type lines to send them, ${quit}`);
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => server.send(line));
  // Without a file, the end of stdin is the end of the conversation; with one, keep replaying it.
  if (values.file === undefined) input.on("close", () => void server.close());
  process.on("SIGINT", () => {
    input.close();
    void server.close().then(() => process.exit(0));
  });
}

if (import.meta.main) await main();
