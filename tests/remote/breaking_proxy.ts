// A TCP proxy in front of a Spark Connect server that breaks one connection, once, when more than
// BYTES have come back from the server on it: a result stream cut in the middle, as a network
// failure cuts it. Every later connection (the client's reattach) passes untouched. A process of
// its own, since a remote session's synchronous calls block the test's thread.
//   bun tests/remote/breaking_proxy.ts sc://HOST:PORT BYTES
// prints `sc://127.0.0.1:PORT` (its own address), then `connection N` per connection and
// `broken after N bytes` when it cuts.
import { connect, createServer } from "node:net";

const [target, limit] = [process.argv[2]!, Number(process.argv[3])];
const [host, port] = target.replace(/^sc:\/\//, "").split("/")[0]!.split(":");
let connections = 0;
let broken = false;

const server = createServer((client) => {
  console.log(`connection ${++connections}`);
  const upstream = connect(Number(port), host!);
  for (const s of [client, upstream]) s.on("error", () => {});
  let seen = 0;
  upstream.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (!broken && seen > limit) {
      broken = true;
      console.log(`broken after ${seen} bytes`);
      client.destroy();
      upstream.destroy();
      return;
    }
    client.write(chunk);
  });
  client.on("data", (chunk: Buffer) => upstream.write(chunk));
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
});
server.listen(0, "127.0.0.1", () => console.log(`sc://127.0.0.1:${(server.address() as { port: number }).port}`));
process.on("SIGTERM", () => process.exit(0));
// Started with a piped stdin: when the test process goes away (even killed), so does the proxy.
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
