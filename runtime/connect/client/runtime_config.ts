// spark.conf of a remote session: each call is a Config request to the server.
import type { ConfValue } from "../../api/runtime_config.ts";
import type { SparkConnectClient } from "./spark_connect_client.ts";

const text = (v: ConfValue) => (typeof v === "boolean" ? String(v) : String(v));

export class ConnectRuntimeConfig {
  constructor(private readonly client: SparkConnectClient) {}

  get(key: string, defaultValue?: ConfValue): string | undefined {
    if (defaultValue !== undefined) {
      const r = this.client.configSync({ opType: { case: "getWithDefault", value: { pairs: [{ key, value: text(defaultValue) }] } } });
      return r.pairs[0]?.value;
    }
    const r = this.client.configSync({ opType: { case: "getOption", value: { keys: [key] } } });
    return r.pairs[0]?.value;
  }
  set(key: string, value: ConfValue): void {
    this.client.configSync({ opType: { case: "set", value: { pairs: [{ key, value: text(value) }] } } });
  }
  unset(key: string): void {
    this.client.configSync({ opType: { case: "unset", value: { keys: [key] } } });
  }
  isModifiable(key: string): boolean {
    const r = this.client.configSync({ opType: { case: "isModifiable", value: { keys: [key] } } });
    return r.pairs[0]?.value === "true";
  }
  getAll(): Record<string, string> {
    const r = this.client.configSync({ opType: { case: "getAll", value: {} } });
    return Object.fromEntries(r.pairs.map((p) => [p.key, p.value ?? ""]));
  }
  getBoolean(key: string): boolean {
    return (this.get(key) ?? "").toLowerCase() === "true";
  }
  getNumber(key: string): number {
    return Number(this.get(key));
  }
}
