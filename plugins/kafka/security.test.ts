import { describe, expect, test } from "bun:test";
import { parseJaas, resolveTls, securityOf } from "./security.ts";

const params = (o: Record<string, string>) => new Map(Object.entries(o));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  throw new Error("expected an error");
};

describe("kafka.sasl.jaas.config", () => {
  test("as Spark users write it: quoted values with escapes, plain tokens", () => {
    const j = parseJaas('org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w;d=";');
    expect(j.module).toBe("org.apache.kafka.common.security.scram.ScramLoginModule");
    expect(j.flag).toBe("required");
    expect([...j.options]).toEqual([["username", "alice"], ["password", 'p"w;d=']]);
    const plain = parseJaas("org.apache.kafka.common.security.plain.PlainLoginModule  REQUIRED\n  username=bob\n  password = \"x y\" ;  ");
    expect([...plain.options]).toEqual([["username", "bob"], ["password", "x y"]]);
  });

  test("malformed configurations say what is wrong", () => {
    expect(codeOf(() => parseJaas('LoginModule required username="a"'))).toContain("missing ';' at the end");
    expect(codeOf(() => parseJaas('LoginModule mandatory username="a";'))).toContain("'mandatory' is not a control flag");
    expect(codeOf(() => parseJaas('LoginModule required username="a;'))).toContain("no closing quote");
    expect(codeOf(() => parseJaas("LoginModule required username;"))).toContain("'username' has no value");
    expect(codeOf(() => parseJaas('A required x="1"; B required y="2";'))).toContain("only one login module");
  });
});

describe("kafka.security.protocol and kafka.sasl.*", () => {
  const scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="secret";';

  test("PLAINTEXT by default, SASL options for the client library", async () => {
    expect(securityOf(params({}))).toEqual({ protocol: "PLAINTEXT", options: {} });
    const s = securityOf(params({ "security.protocol": "sasl_plaintext", "sasl.mechanism": "SCRAM-SHA-512", "sasl.jaas.config": scram }));
    expect(s.protocol).toBe("SASL_PLAINTEXT");
    expect(s.options.sasl).toEqual({ mechanism: "SCRAM-SHA-512", username: "alice", password: "secret" });
    expect(await resolveTls(s)).toBeUndefined();
    const tls = await resolveTls(securityOf(params({ "security.protocol": "SSL", "ssl.endpoint.identification.algorithm": "" })));
    expect(typeof tls?.checkServerIdentity).toBe("function");
    // Java's default checks the broker's name against its certificate.
    expect((await resolveTls(securityOf(params({ "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.jaas.config": scram.replace("scram.ScramLoginModule", "plain.PlainLoginModule") }))))?.checkServerIdentity).toBeUndefined();
  });

  test("what the Java client would refuse is refused with Kafka's names", () => {
    expect(codeOf(() => securityOf(params({ "security.protocol": "TLS" })))).toContain("Invalid value 'TLS' for kafka.security.protocol");
    expect(codeOf(() => securityOf(params({ "security.protocol": "SASL_PLAINTEXT", "sasl.jaas.config": scram }))))
      .toContain("Kafka's default is GSSAPI, so kafka.sasl.mechanism must be set");
    expect(codeOf(() => securityOf(params({ "security.protocol": "SASL_SSL", "sasl.mechanism": "OAUTHBEARER", "sasl.jaas.config": scram }))))
      .toContain("OAUTHBEARER is not supported");
    expect(codeOf(() => securityOf(params({ "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN" }))))
      .toContain("needs kafka.sasl.jaas.config");
    expect(codeOf(() => securityOf(params({ "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN", "sasl.jaas.config": scram }))))
      .toContain("takes its credentials from org.apache.kafka.common.security.plain.PlainLoginModule");
    expect(codeOf(() =>
      securityOf(params({
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "SCRAM-SHA-256",
        "sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required username="a";',
      }))
    )).toContain("must set both username and password");
    expect(codeOf(() => securityOf(params({ "security.protocol": "SSL", "ssl.truststore.location": "/nonexistent/ts.jks" }))))
      .toContain("kafka.ssl.truststore.location '/nonexistent/ts.jks' does not exist");
  });
});
