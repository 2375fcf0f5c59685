// @ts-check
// The admin API as the page uses it: JSON reads, and the mutating POSTs with the token when the
// server has one (kept for this browser tab only, in sessionStorage).

const tokenKey = "sluice.adminToken";

/** @typedef {{ code: string, message: string, hint: string | null, sqlState?: string | null, stack?: string }} QueryError */
/**
 * @typedef {{
 *   id: string, runId: string | null, name: string | null, status: string, isActive: boolean,
 *   startedAt: string | null, outputMode: string | null, trigger: Record<string, unknown> | null,
 *   checkpointLocation: string | null, restartable: boolean,
 *   sources: { format: string | null, description: string | null }[],
 *   sink: { format: string | null, description: string | null },
 *   lastProgress: Record<string, any> | null,
 *   totals: { batches: number, inputRows: number, outputRows: number, rowsDroppedByWatermark: number },
 *   exception: QueryError | null,
 *   queryStatus?: { message: string, isDataAvailable: boolean, isTriggerActive: boolean } | null,
 * }} Query
 */

/** An error answer of the API, with its code and hint. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {string} hint
   */
  constructor(status, code, message, hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

export function storedToken() {
  return sessionStorage.getItem(tokenKey);
}

/** @param {string | null} token */
export function storeToken(token) {
  if (token) sessionStorage.setItem(tokenKey, token);
  else sessionStorage.removeItem(tokenKey);
}

/**
 * @param {string} path
 * @returns {Promise<any>}
 */
export async function getJson(path) {
  return answer(await fetch(path, { headers: { accept: "application/json" } }));
}

/**
 * A mutating call: a JSON body, same origin, the bearer token if one is stored.
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @returns {Promise<any>}
 */
export async function postJson(path, body) {
  /** @type {Record<string, string>} */
  const headers = { "content-type": "application/json", accept: "application/json" };
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  return answer(await fetch(path, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" }));
}

/** @param {Response} res */
async function answer(res) {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.hint ?? "");
  }
  return body;
}

/** @param {string} key an id, run id or name */
export const queryPath = (key) => `/api/v1/queries/${encodeURIComponent(key)}`;
