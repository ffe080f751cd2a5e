/**
 * One error shape for the whole API — `{ error: { code, message } }` — so a client handles
 * failures in one place. Route code throws `ApiError`; `create-app.ts` turns it into a response
 * (JSON under /api/, a small HTML page elsewhere).
 */
export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 415;
  readonly code: string;
  constructor(status: ApiError['status'], code: string, message: string, opts: { cause?: unknown } = {}) {
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
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
