// kafka.security.protocol, kafka.sasl.* and kafka.ssl.* as Spark users write them for the Java
// client, turned into the client library's `sasl` and `tls` options. SASL mechanisms: PLAIN,
// SCRAM-SHA-256, SCRAM-SHA-512, with credentials from kafka.sasl.jaas.config (the login module must
// match the mechanism, as in Java). Trust and client certificates: Kafka's settings with Kafka's
// store types, PEM (files or inline), JKS and PKCS12 (see keystores.ts, loaded only for TLS).
import { existsSync } from "node:fs";
import type { ConnectionOptions as TlsOptions } from "node:tls";
import { userError } from "sluice/plugin-sdk";

export type SecurityProtocol = "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL";
const PROTOCOLS: SecurityProtocol[] = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];
type SaslMechanism = "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";
const MECHANISMS: string[] = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];
/** The JAAS login module each mechanism takes its credentials from. */
const LOGIN_MODULES: Record<string, string> = {
  PLAIN: "org.apache.kafka.common.security.plain.PlainLoginModule",
  "SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
  "SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
};

export interface Security {
  protocol: SecurityProtocol;
  /** The SASL mechanism and user, for error messages. */
  mechanism?: string;
  user?: string;
  /** Options for the client library (TLS options come from resolveTls). */
  options: { sasl?: { mechanism: SaslMechanism; username: string; password: string } };
  /** The kafka.ssl.* settings, for SSL and SASL_SSL. */
  ssl?: Map<string, string>;
}

/** The kafka.* settings this module reads. */
export const SECURITY_SETTINGS = [
  "security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.endpoint.identification.algorithm",
  "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
  "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.keystore.certificate.chain", "ssl.keystore.key",
  "ssl.key.password",
];

export function securityOf(params: Map<string, string>): Security {
  const protocol = (params.get("security.protocol") ?? "PLAINTEXT").toUpperCase() as SecurityProtocol;
  if (!PROTOCOLS.includes(protocol)) {
    throw userError(
      "ILLEGAL_ARGUMENT",
      `Invalid value '${params.get("security.protocol")}' for kafka.security.protocol: expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL`,
    );
  }
  const out: Security = { protocol, options: {} };
  if (protocol === "SSL" || protocol === "SASL_SSL") {
    out.ssl = new Map([...params].filter(([k]) => k.startsWith("ssl.")));
    // Stores that are not there fail now, with the other option errors.
    for (const key of ["ssl.truststore.location", "ssl.keystore.location"]) {
      const location = params.get(key);
      if (location !== undefined && !existsSync(location)) throw userError("ILLEGAL_ARGUMENT", `kafka.${key} '${location}' does not exist`);
    }
  }
  if (protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL") {
    const mechanism = (params.get("sasl.mechanism") ?? "GSSAPI").toUpperCase();
    if (!MECHANISMS.includes(mechanism)) {
      throw userError(
        "ILLEGAL_ARGUMENT",
        `kafka.sasl.mechanism ${mechanism} is not supported by Sluice's Kafka client: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512` +
          (params.has("sasl.mechanism") ? "" : " (Kafka's default is GSSAPI, so kafka.sasl.mechanism must be set)"),
      );
    }
    const jaas = params.get("sasl.jaas.config");
    if (jaas === undefined) {
      throw userError(
        "ILLEGAL_ARGUMENT",
        `kafka.security.protocol ${protocol} with kafka.sasl.mechanism ${mechanism} needs kafka.sasl.jaas.config, e.g. ` +
          `'${LOGIN_MODULES[mechanism]} required username="..." password="...";'`,
      );
    }
    const { module, options } = parseJaas(jaas);
    if (module !== LOGIN_MODULES[mechanism]) {
      throw userError(
        "ILLEGAL_ARGUMENT",
        `kafka.sasl.jaas.config uses the login module ${module}, but kafka.sasl.mechanism ${mechanism} takes its credentials from ${LOGIN_MODULES[mechanism]}`,
      );
    }
    const username = options.get("username");
    const password = options.get("password");
    if (username === undefined || password === undefined) {
      throw userError("ILLEGAL_ARGUMENT", `kafka.sasl.jaas.config must set both username and password for ${mechanism}`);
    }
    out.mechanism = mechanism;
    out.user = username;
    out.options.sasl = { mechanism: mechanism as SaslMechanism, username, password };
  }
  return out;
}

/**
 * A JAAS configuration entry as Kafka reads kafka.sasl.jaas.config:
 * `<login module> <required|requisite|sufficient|optional> key=value ... ;` with values quoted
 * ("…", backslash escapes) or plain tokens.
 */
export function parseJaas(text: string): { module: string; flag: string; options: Map<string, string> } {
  const bad = (why: string) =>
    userError("ILLEGAL_ARGUMENT", `Invalid kafka.sasl.jaas.config: ${why}. Expected e.g. '<LoginModule> required username="..." password="...";'`);
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const token = () => {
    ws();
    const start = i;
    while (i < s.length && !/[\s=;"]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const module = token();
  if (module === "") throw bad("no login module");
  const flag = token().toLowerCase();
  if (!["required", "requisite", "sufficient", "optional"].includes(flag)) throw bad(`'${flag}' is not a control flag`);
  const options = new Map<string, string>();
  for (;;) {
    ws();
    if (i >= s.length) throw bad("missing ';' at the end");
    if (s[i] === ";") {
      i++;
      ws();
      if (i < s.length) throw bad("only one login module may be given");
      break;
    }
    const key = token();
    if (key === "") throw bad(`unexpected '${s[i]}'`);
    ws();
    if (s[i] !== "=") throw bad(`'${key}' has no value`);
    i++;
    ws();
    let value: string;
    if (s[i] === '"') {
      i++;
      value = "";
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length) i++;
        value += s[i++];
      }
      if (i >= s.length) throw bad(`the value of '${key}' has no closing quote`);
      i++;
    } else {
      value = token();
    }
    options.set(key, value);
  }
  return { module, flag, options };
}

/** The TLS options of an SSL or SASL_SSL connection (undefined for the others): trust and key stores read. */
export async function resolveTls(security: Security): Promise<TlsOptions | undefined> {
  if (security.ssl === undefined) return undefined;
  const { readKeyStore, readTrustStore } = await import("./keystores.ts");
  const params = security.ssl;
  const tls: TlsOptions = {};
  const ca = readTrustStore(params);
  if (ca !== undefined) tls.ca = ca;
  const identity = readKeyStore(params);
  if (identity !== undefined) {
    tls.key = identity.key;
    tls.cert = identity.cert;
    if (identity.passphrase !== undefined) tls.passphrase = identity.passphrase;
  }
  // Java's default is "https": the broker's certificate must name the host connected to.
  // An empty value turns that check off (the chain is still verified).
  if ((params.get("ssl.endpoint.identification.algorithm") ?? "https") === "") tls.checkServerIdentity = () => undefined;
  return tls;
}
