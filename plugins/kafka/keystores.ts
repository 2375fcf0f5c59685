// Trust and key stores as Kafka's Java client takes them (kafka.ssl.truststore.* and
// kafka.ssl.keystore.*), turned into the PEM text Node's TLS wants. A store file is recognised by
// its content, so kafka.ssl.*.type may stay at Kafka's default (JKS) whatever the file is:
//   PEM     certificates (and for a keystore, a PKCS#8 key, encrypted with ssl.key.password or not)
//   JKS     Java's keystore: trusted certificates, and private keys protected with Sun's algorithm
//   PKCS12  certificates and shrouded keys (what keytool writes by default since Java 9)
// Inline PEM also works: ssl.truststore.certificates, ssl.keystore.certificate.chain + ssl.keystore.key.
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import forge from "node-forge";
import { userError } from "sluice/plugin-sdk";

export interface KeyPair {
  /** PEM: the private key (unencrypted unless `passphrase` is given), the certificate chain. */
  key: string;
  cert: string;
  passphrase?: string;
}

const JKS_MAGIC = 0xfeedfeed;
/** The OID of Sun's JKS key protection (KeyProtector). */
const SUN_KEY_PROTECTOR = "1.3.6.1.4.1.42.2.17.1.1";

type StoreKind = "PEM" | "JKS" | "PKCS12";

function kindOf(bytes: Buffer): StoreKind {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === JKS_MAGIC) return "JKS";
  const head = bytes.subarray(0, 64).toString("latin1");
  if (head.includes("-----BEGIN")) return "PEM";
  return "PKCS12";
}

function readStore(setting: string, location: string): Buffer {
  if (!existsSync(location)) {
    throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} '${location}' does not exist`);
  }
  return readFileSync(location);
}

const pemOf = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;

/** The PEM blocks of `text` whose label is one of `labels`. */
function pemBlocks(text: string, labels: string[]): string[] {
  const out: string[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
  for (const m of text.matchAll(re)) if (labels.includes(m[1]!)) out.push(m[0] + "\n");
  return out;
}

function badPassword(setting: string, location: string, cause?: unknown): Error {
  return userError(
    "ILLEGAL_ARGUMENT",
    `Could not open kafka.${setting} '${location}': keystore was tampered with, or password was incorrect` +
      (cause instanceof Error ? ` (${cause.message})` : ""),
  );
}

/** The CA certificates to trust (PEM), or undefined for the runtime's default roots. */
export function readTrustStore(params: Map<string, string>): string[] | undefined {
  const inline = params.get("ssl.truststore.certificates");
  if (inline !== undefined) return certificatesIn(inline, "ssl.truststore.certificates");
  const location = params.get("ssl.truststore.location");
  if (location === undefined) return undefined;
  const bytes = readStore("ssl.truststore.location", location);
  const password = params.get("ssl.truststore.password");
  switch (kindOf(bytes)) {
    case "PEM":
      return certificatesIn(bytes.toString("utf8"), "ssl.truststore.location");
    case "JKS":
      return readJks(bytes, password, "ssl.truststore.location", location).certificates.map(pemOf);
    case "PKCS12":
      return readPkcs12(bytes, password ?? "", "ssl.truststore.location", location).certificates;
  }
}

function certificatesIn(text: string, setting: string): string[] {
  const certs = pemBlocks(text, ["CERTIFICATE"]);
  if (certs.length === 0) throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} holds no PEM certificate`);
  for (const c of certs) new X509Certificate(c); // fails early on a damaged certificate
  return certs;
}

/** The client's key and certificate chain, or undefined when no keystore is set. */
export function readKeyStore(params: Map<string, string>): KeyPair | undefined {
  const keyPassword = params.get("ssl.key.password");
  const inlineChain = params.get("ssl.keystore.certificate.chain");
  const inlineKey = params.get("ssl.keystore.key");
  if (inlineChain !== undefined || inlineKey !== undefined) {
    if (inlineChain === undefined || inlineKey === undefined) {
      throw userError("ILLEGAL_ARGUMENT", "kafka.ssl.keystore.certificate.chain and kafka.ssl.keystore.key must be given together");
    }
    return pemPair(`${inlineKey}\n${inlineChain}`, keyPassword, "ssl.keystore.key");
  }
  const location = params.get("ssl.keystore.location");
  if (location === undefined) return undefined;
  const bytes = readStore("ssl.keystore.location", location);
  const storePassword = params.get("ssl.keystore.password");
  switch (kindOf(bytes)) {
    case "PEM":
      return pemPair(bytes.toString("utf8"), keyPassword, "ssl.keystore.location");
    case "JKS": {
      const jks = readJks(bytes, storePassword, "ssl.keystore.location", location, keyPassword ?? storePassword);
      if (jks.keys.length === 0) throw userError("ILLEGAL_ARGUMENT", `kafka.ssl.keystore.location '${location}' holds no private key`);
      return jks.keys[0]!;
    }
    case "PKCS12": {
      const p12 = readPkcs12(bytes, storePassword ?? "", "ssl.keystore.location", location);
      if (p12.key === undefined) throw userError("ILLEGAL_ARGUMENT", `kafka.ssl.keystore.location '${location}' holds no private key`);
      return { key: p12.key, cert: p12.certificates.join("") };
    }
  }
}

function pemPair(text: string, password: string | undefined, setting: string): KeyPair {
  const keys = pemBlocks(text, ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);
  const certs = pemBlocks(text, ["CERTIFICATE"]);
  if (keys.length !== 1) throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} must hold exactly one PEM private key (found ${keys.length})`);
  if (certs.length === 0) throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} holds no PEM certificate for the key`);
  const encrypted = keys[0]!.includes("ENCRYPTED");
  if (encrypted && password === undefined) {
    throw userError("ILLEGAL_ARGUMENT", `The private key in kafka.${setting} is encrypted: set kafka.ssl.key.password`);
  }
  try {
    createPrivateKey(encrypted ? { key: keys[0]!, passphrase: password } : keys[0]!);
  } catch (e) {
    throw userError("ILLEGAL_ARGUMENT", `The private key in kafka.${setting} could not be read${encrypted ? " (is kafka.ssl.key.password right?)" : ""}: ${(e as Error).message}`);
  }
  return { key: keys[0]!, cert: certs.join(""), ...(encrypted ? { passphrase: password } : {}) };
}

// ---- JKS ---------------------------------------------------------------------------------

/**
 * Java's JKS format (sun.security.provider.JavaKeyStore): magic, version, entries (1 = private
 * key protected with KeyProtector, 2 = trusted certificate), then SHA-1 over the password
 * (UTF-16BE), "Mighty Aphrodite" and everything before, checked when a password is given.
 */
function readJks(bytes: Buffer, password: string | undefined, setting: string, location: string, keyPassword?: string) {
  let p = 4;
  const u16 = () => {
    const v = bytes.readUInt16BE(p);
    p += 2;
    return v;
  };
  const u32 = () => {
    const v = bytes.readUInt32BE(p);
    p += 4;
    return v;
  };
  const utf = () => {
    const n = u16();
    const s = bytes.subarray(p, p + n).toString("utf8");
    p += n;
    return s;
  };
  const blob = () => {
    const n = u32();
    const b = bytes.subarray(p, p + n);
    p += n;
    return b;
  };
  const certificates: Uint8Array[] = [];
  const keys: KeyPair[] = [];
  try {
    const version = u32();
    if (version !== 1 && version !== 2) throw new Error(`unknown JKS version ${version}`);
    const count = u32();
    for (let e = 0; e < count; e++) {
      const tag = u32();
      utf(); // alias
      p += 8; // creation date
      if (tag === 1) {
        const protectedKey = blob();
        const chain: Uint8Array[] = [];
        const n = u32();
        for (let k = 0; k < n; k++) {
          if (version === 2) utf(); // certificate type
          chain.push(blob());
        }
        if (keyPassword !== undefined) {
          keys.push({ key: unprotectJksKey(protectedKey, keyPassword, setting, location), cert: chain.map(pemOf).join("") });
        }
      } else if (tag === 2) {
        if (version === 2) utf();
        certificates.push(blob());
      } else {
        throw new Error(`unknown JKS entry tag ${tag}`);
      }
    }
  } catch (e) {
    if ((e as { name?: string }).name === "SluiceError") throw e;
    throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} '${location}' is not a readable JKS keystore: ${(e as Error).message}`);
  }
  if (password !== undefined) {
    const digest = createHash("sha1").update(Buffer.from(password, "utf16le").swap16()).update("Mighty Aphrodite", "latin1")
      .update(bytes.subarray(0, p)).digest();
    if (!digest.equals(bytes.subarray(p, p + 20))) throw badPassword(setting, location);
  }
  return { certificates, keys };
}

/** Sun's KeyProtector: salt(20) ‖ key XOR SHA-1 stream(password, salt) ‖ SHA-1(password ‖ key). */
function unprotectJksKey(encoded: Uint8Array, password: string, setting: string, location: string): string {
  const asn = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(encoded).toString("binary")));
  const seq = asn.value as forge.asn1.Asn1[];
  const oid = forge.asn1.derToOid(((seq[0]!.value as forge.asn1.Asn1[])[0]!.value) as string);
  if (oid !== SUN_KEY_PROTECTOR) throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} '${location}': unknown JKS key protection ${oid}`);
  const data = Buffer.from(seq[1]!.value as string, "binary");
  const pass = Buffer.from(password, "utf16le").swap16();
  const salt = data.subarray(0, 20);
  const check = data.subarray(data.length - 20);
  const enc = data.subarray(20, data.length - 20);
  const plain = Buffer.alloc(enc.length);
  let digest: Buffer = salt;
  for (let at = 0; at < enc.length; at += 20) {
    digest = createHash("sha1").update(pass).update(digest).digest();
    for (let k = 0; k < 20 && at + k < enc.length; k++) plain[at + k] = enc[at + k]! ^ digest[k]!;
  }
  if (!createHash("sha1").update(pass).update(plain).digest().equals(check)) {
    throw userError("ILLEGAL_ARGUMENT", `Could not recover the key in kafka.${setting} '${location}': is kafka.ssl.key.password right?`);
  }
  return createPrivateKey({ key: plain, format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }) as string;
}

// ---- PKCS12 ------------------------------------------------------------------------------

function readPkcs12(bytes: Buffer, password: string, setting: string, location: string): { certificates: string[]; key?: string } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, true, password);
  } catch (e) {
    const message = (e as Error).message ?? "";
    if (/MAC|password|decrypt/i.test(message)) throw badPassword(setting, location, e);
    throw userError("ILLEGAL_ARGUMENT", `kafka.${setting} '${location}' is not a readable PKCS12, JKS or PEM store: ${message}`);
  }
  const certificates: string[] = [];
  for (const bag of p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []) {
    if (bag.cert) certificates.push(forge.pki.certificateToPem(bag.cert));
    else if (bag.asn1) certificates.push(pemOf(Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), "binary")));
  }
  let key: string | undefined;
  const shrouded = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? [];
  const plain = p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [];
  const k = [...shrouded, ...plain][0]?.key;
  if (k) key = forge.pki.privateKeyToPem(k);
  return { certificates, key };
}
