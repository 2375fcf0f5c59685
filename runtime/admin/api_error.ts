// The admin API's one error shape, `{ error: { code, message, hint } }`, and its stable codes.

export type ApiErrorCode =
  | "INVALID_PARAMETER"
  | "INVALID_BODY"
  | "UNAUTHORIZED"
  | "HOST_NOT_ALLOWED"
  | "CROSS_SITE_REQUEST"
  | "NOT_FOUND"
  | "QUERY_NOT_FOUND"
  | "PLUGIN_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "AMBIGUOUS_QUERY"
  | "QUERY_NOT_RESTARTABLE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "NOT_READY"
  | "TOO_MANY_EVENT_STREAMS"
  | "INTERNAL_ERROR";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; hint: string };
}

export const statusOfCode: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 405 | 409 | 415 | 500 | 503> = {
  INVALID_PARAMETER: 400,
  INVALID_BODY: 400,
  UNAUTHORIZED: 401,
  HOST_NOT_ALLOWED: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  QUERY_NOT_FOUND: 404,
  PLUGIN_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  AMBIGUOUS_QUERY: 409,
  QUERY_NOT_RESTARTABLE: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_READY: 503,
  TOO_MANY_EVENT_STREAMS: 503,
  INTERNAL_ERROR: 500,
};

export function apiErrorBody(code: ApiErrorCode, message: string, hint: string): ApiErrorBody {
  return { error: { code, message, hint } };
}

/** A JSON error response with the status that belongs to `code`. */
export function apiError(code: ApiErrorCode, message: string, hint: string, headers: Record<string, string> = {}): Response {
  return Response.json(apiErrorBody(code, message, hint), { status: statusOfCode[code], headers });
}
