// What keeps a web page on another site from using the admin API through a visitor's browser:
// every route checks Host (DNS rebinding, host_policy.ts); mutating routes refuse cross-site
// requests (Origin, Sec-Fetch-Site) and any body that is not JSON, which a plain HTML form or a
// "simple" cross-origin fetch cannot send without the browser asking first.
import type { MiddlewareHandler } from "hono";
import { apiError } from "./api_error.ts";
import { hostAllowed, hostnameOfHeader, type HostPolicy } from "./host_policy.ts";

/** Refuses requests whose Host header names neither this server nor an allowed host. */
export function checkHost(policy: HostPolicy): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!hostAllowed(policy, host)) {
      const shown = host.length > 100 ? host.slice(0, 100) + "…" : host;
      return apiError("HOST_NOT_ALLOWED", `The admin server does not answer for host '${shown}'.`,
        "Use the address the server is bound to, or add the name with --admin-allowed-hosts.");
    }
    await next();
  };
}

const sameSiteFetch = new Set(["same-origin", "none"]);

/** Refuses mutating requests a browser sends on behalf of another site. */
export function refuseCrossSite(): MiddlewareHandler {
  return async (c, next) => {
    const fetchSite = c.req.header("sec-fetch-site");
    if (fetchSite !== undefined && !sameSiteFetch.has(fetchSite.trim().toLowerCase())) {
      return crossSite(`The request comes from another site (Sec-Fetch-Site: ${fetchSite.slice(0, 40)}).`);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      if (!sameOrigin(origin, host)) return crossSite(`The request comes from another origin (${origin.slice(0, 100)}).`);
    }
    await next();
  };
}

function crossSite(message: string): Response {
  return apiError("CROSS_SITE_REQUEST", message,
    "Mutating routes answer only the dashboard of this server and clients that are not browsers (curl, scripts).");
}

/** Whether an Origin header names the server the request was sent to (same host and port). */
function sameOrigin(origin: string, host: string): boolean {
  const url = URL.parse(origin);
  if (url === null) return false; // "null" (sandboxed pages, file://) and malformed origins
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const requested = hostnameOfHeader(host);
  if (requested === undefined || hostnameOfHeader(url.host) !== requested) return false;
  return portOf(url.port, url.protocol) === portOf(/:(\d+)$/.exec(host.trim())?.[1] ?? "", url.protocol);
}

function portOf(port: string, protocol: string): string {
  return port !== "" ? String(Number(port)) : protocol === "https:" ? "443" : "80";
}

/** Refuses a mutating request whose body is not JSON (a Content-Type other than application/json). */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header("content-type");
    const length = c.req.header("content-length");
    const hasBody = (length !== undefined && length.trim() !== "0") || c.req.header("transfer-encoding") !== undefined;
    if (type !== undefined ? !isJsonType(type) : hasBody) {
      return apiError("UNSUPPORTED_MEDIA_TYPE",
        type === undefined ? "The request has a body but no Content-Type." : `The request body must be JSON, not '${type.slice(0, 100)}'.`,
        "Send no body, or a JSON object with 'Content-Type: application/json'.", { "accept-post": "application/json" });
    }
    await next();
  };
}

function isJsonType(type: string): boolean {
  return type.split(";")[0]!.trim().toLowerCase() === "application/json";
}
