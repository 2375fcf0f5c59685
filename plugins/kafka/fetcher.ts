// Sends Sluice's own Fetch requests (fetch_protocol.ts) over the client library's connections,
// which already speak TLS and SASL to each broker. The response body arrives as one contiguous
// buffer that record_batch.ts decodes in place.
import type { KafkaLib } from "./client.ts";
import {
  encodeFetchRequest, FETCH_API_KEY, type FetchRequest, type FetchResponse, MAX_FETCH_VERSION, MIN_FETCH_VERSION,
  parseFetchResponse,
} from "./fetch_protocol.ts";

/** What the fetcher needs of a client: its API versions and its connections (any client type). */
type Client = Pick<InstanceType<KafkaLib["Consumer"]>, "listApis" | "connections">;

export interface BrokerAddress {
  host: string;
  port: number;
}

/** A partition-level error in a fetch response: Kafka's name for the code, and whether a retry may help. */
export function fetchError(lib: KafkaLib, code: number): { name: string; retriable: boolean; message: string } {
  const name = lib.protocolErrorsCodesById[code as keyof typeof lib.protocolErrorsCodesById] ?? `error code ${code}`;
  const known = (lib.protocolErrors as Record<string, { canRetry: boolean; message: string }>)[name];
  return { name, retriable: known?.canRetry ?? false, message: known?.message ?? "" };
}

export class Fetcher {
  #version: number | undefined;

  constructor(private readonly lib: KafkaLib, private readonly client: Client) {}

  /** The newest Fetch version both the brokers and Sluice speak (asked once). */
  async version(): Promise<number> {
    if (this.#version !== undefined) return this.#version;
    const apis = await this.client.listApis();
    const fetch = apis.find((a) => a.apiKey === FETCH_API_KEY);
    const max = Math.min(fetch?.maxVersion ?? -1, MAX_FETCH_VERSION);
    if (fetch === undefined || max < MIN_FETCH_VERSION || fetch.minVersion > max) {
      throw new Error(
        `The brokers speak Fetch versions ${fetch?.minVersion ?? "?"}..${fetch?.maxVersion ?? "?"}; Sluice needs one of ${MIN_FETCH_VERSION}..${MAX_FETCH_VERSION} (Kafka 0.11 or newer).`,
      );
    }
    this.#version = max;
    return max;
  }

  /** One Fetch request to `broker`. */
  async fetch(broker: BrokerAddress, request: FetchRequest): Promise<FetchResponse> {
    const version = await this.version();
    const flexible = version >= 12;
    const body = encodeFetchRequest(version, request);
    const connection = await this.client.connections.get(broker);
    const Writer = this.lib.Writer;
    return await new Promise<FetchResponse>((resolve, reject) => {
      connection.send(
        FETCH_API_KEY,
        version,
        () => Writer.create().append(Buffer.from(body.buffer, body.byteOffset, body.byteLength)),
        (_correlationId: number, _apiKey: number, _apiVersion: number, reader: { buffer: DynamicBytes; position: number; length: number }) =>
          parseFetchResponse(version, contiguous(reader.buffer, reader.position, reader.length)),
        flexible,
        flexible,
        (error: unknown, response: FetchResponse | undefined) => (error ? reject(error) : resolve(response!)),
      );
    });
  }
}

/** The library's chunked buffer (socket reads kept as a list). */
interface DynamicBytes {
  buffers: Buffer[];
  slice(start: number, end: number): Buffer;
}

/**
 * The response bytes as one buffer that Sluice owns: a single socket chunk is copied (the socket
 * layer may reuse it), several are joined (which copies them anyway).
 */
function contiguous(buffer: DynamicBytes, start: number, end: number): Uint8Array {
  const joined = buffer.slice(start, end);
  const out = buffer.buffers.length === 1 ? new Uint8Array(joined) : new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  return out;
}
