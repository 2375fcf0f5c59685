import { describe, expect, test } from "bun:test";
import { networkInterfaces } from "node:os";
import { allowedHostProblem, hostAllowed, hostnameOfHeader, hostPolicy, isLoopbackHost } from "./host_policy.ts";

describe("host policy", () => {
  test("loopback addresses and names", () => {
    for (const h of ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST.", "app.localhost", "::1", "[::1]"]) expect({ h, loop: isLoopbackHost(h) }).toEqual({ h, loop: true });
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "localhost.evil.example", "128.0.0.1", "example.com"]) expect({ h, loop: isLoopbackHost(h) }).toEqual({ h, loop: false });
  });

  test("Host header values: name, name:port, [v6]:port; anything else is not a host", () => {
    expect(hostnameOfHeader("Example.COM:8080")).toBe("example.com");
    expect(hostnameOfHeader("[::1]:4040")).toBe("::1");
    expect(hostnameOfHeader("example.com.")).toBe("example.com");
    for (const bad of ["", " ", "a b", "a:b:c", "user@example.com", "example.com/x", "[::1", "example.com:123456"]) {
      expect({ bad, h: hostnameOfHeader(bad) }).toEqual({ bad, h: undefined });
    }
  });

  test("a wildcard bind serves this machine's own addresses, a specific bind its address", () => {
    const wildcard = hostPolicy("0.0.0.0");
    const own = Object.values(networkInterfaces()).flat().map((a) => a!.address.toLowerCase());
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) expect(hostAllowed(wildcard, a.includes(":") ? `[${a}]:1` : `${a}:1`)).toBe(true);
    const specific = hostPolicy("10.9.8.7");
    expect(hostAllowed(specific, "10.9.8.7:4040")).toBe(true);
    expect(hostAllowed(specific, "localhost:4040")).toBe(true);
    expect(hostAllowed(specific, "10.9.8.6:4040")).toBe(false);
  });

  test("--admin-allowed-hosts entries are checked", () => {
    for (const ok of ["a.example", ".example.org", "10.0.0.1", "::1", "[fe80::1]", "host_name.lan", "x"]) expect({ ok, p: allowedHostProblem(ok) }).toEqual({ ok, p: undefined });
    expect(allowedHostProblem("https://a.example")).toBe("'https://a.example' is a URL; give the host name only");
    expect(allowedHostProblem("a.example:80")).toBe("'a.example:80' has a port; give the host name only (any port is accepted)");
    expect(allowedHostProblem("a.example/x")).toBe("'a.example/x' is not a host name or address");
    expect(allowedHostProblem("*")).toBe("'*' is not a host name or address");
  });
});
