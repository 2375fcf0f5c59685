// The admin API's one error shape, `{ error: { code, message, hint } }`, and its stable codes.

export type ApiErrorCode =
  | "INVALID_PARAMETER"
  | "INVALID_BODY"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "QUERY_NOT_FOUND"
  | "PLUGIN_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "NOT_READY"
  | "INTERNAL_ERROR";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; hint: string };
}

export const statusOfCode: Record<ApiErrorCode, 400 | 401 | 404 | 405 | 500 | 503> = {
  INVALID_PARAMETER: 400,
  INVALID_BODY: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  QUERY_NOT_FOUND: 404,
  PLUGIN_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_READY: 503,
  INTERNAL_ERROR: 500,
};

export function apiErrorBody(code: ApiErrorCode, message: string, hint: string): ApiErrorBody {
  return { error: { code, message, hint } };
}

/** A JSON error response with the status that belongs to `code`. */
export function apiError(code: ApiErrorCode, message: string, hint: string, headers: Record<string, string> = {}): Response {
  return Response.json(apiErrorBody(code, message, hint), { status: statusOfCode[code], headers });
}
