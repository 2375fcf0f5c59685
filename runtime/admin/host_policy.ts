// Which Host headers the admin server answers. A web page on another site can make the browser
// send requests to 127.0.0.1 under a name the attacker controls (DNS rebinding); such requests
// carry that name in Host, so only names that mean this server are served: the loopback names,
// the address the server is bound to (for a wildcard bind, this machine's own addresses and host
// name) and the names given with --admin-allowed-hosts.
import { hostname as machineName, networkInterfaces } from "node:os";

/** Hosts and domains to serve besides the bound address; ".example.com" means the domain and its subdomains. */
export interface HostPolicy {
  readonly names: ReadonlySet<string>;
  readonly domains: readonly string[];
}

const loopbackNames = ["localhost", "127.0.0.1", "::1"];

/** Whether `host` is a loopback address or name (binding there needs no token). */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHostname(host);
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function isWildcardHost(host: string): boolean {
  const h = normalizeHostname(host);
  return h === "0.0.0.0" || h === "::";
}

/** Lower case, no brackets around IPv6, no trailing dot. */
export function normalizeHostname(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}

/** The policy for a server bound to `bound`, with the --admin-allowed-hosts entries. */
export function hostPolicy(bound: string, allowed: readonly string[] = []): HostPolicy {
  const names = new Set(loopbackNames);
  const domains: string[] = [];
  if (isWildcardHost(bound)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(normalizeHostname(a.address.replace(/%.*$/, "")));
    }
    names.add(normalizeHostname(machineName()));
  } else {
    names.add(normalizeHostname(bound));
  }
  for (const entry of allowed) {
    const h = normalizeHostname(entry);
    if (h.startsWith(".")) domains.push(h);
    else names.add(h);
  }
  return { names, domains };
}

/**
 * The host name of a Host header value ("name", "name:port", "[v6]:port"), or undefined when it is
 * not one.
 */
export function hostnameOfHeader(value: string): string | undefined {
  const v = value.trim();
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/?#@[\]]+)(?::(\d{1,5}))?$/.exec(v);
  return m ? normalizeHostname(m[1]!) : undefined;
}

export function hostAllowed(policy: HostPolicy, headerValue: string): boolean {
  const h = hostnameOfHeader(headerValue);
  if (h === undefined) return false;
  if (policy.names.has(h) || h.endsWith(".localhost")) return true;
  return policy.domains.some((d) => h === d.slice(1) || h.endsWith(d));
}

/** Checks one --admin-allowed-hosts entry; returns the problem as text. */
export function allowedHostProblem(entry: string): string | undefined {
  const h = entry.trim();
  if (h === "") return "an empty host name";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(h)) return `'${entry}' is a URL; give the host name only`;
  const bare = h.startsWith(".") ? h.slice(1) : h;
  if (/^\[[0-9a-fA-F:.]+\]$/.test(bare) || /^[0-9a-fA-F]*:[0-9a-fA-F:.]+$/.test(bare)) return undefined;
  if (bare.includes(":")) return `'${entry}' has a port; give the host name only (any port is accepted)`;
  if (!/^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*\.?$/i.test(bare)) return `'${entry}' is not a host name or address`;
  return undefined;
}
