/**
 * One error shape for the whole API — `{ error: { code, message } }` — so a client handles
 * failures in one place. Route code throws `ApiError`; `create-app.ts` turns it into a response
 * (JSON under /api/, a small HTML page elsewhere).
 */
/**
 * Every code an API error body can carry: a closed list, so that a route cannot answer with a
 * code a client has never been told about, and a comparison with a misspelt one fails the build
 * (the API's twin of src/app/error-codes.ts).
 */
export type ApiErrorCode =
  | 'bad_parameter'
  | 'not_found'
  | 'unsupported_media_type'
  | 'csrf'
  | 'forbidden'
  | 'unauthorized'
  | 'misdirected'
  | 'too_large'
  | 'http_error'
  | 'database_unreachable'
  | 'internal';

export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 415;
  readonly code: ApiErrorCode;
  constructor(status: ApiError['status'], code: ApiErrorCode, message: string, opts: { cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function badParameter(message: string, cause?: unknown): ApiError {
  return new ApiError(400, 'bad_parameter', message, { cause });
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'not_found', message);
}

/** The JSON body of an error response. */
export function errorBody(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message } };
}
