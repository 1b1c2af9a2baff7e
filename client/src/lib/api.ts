import { z } from 'zod';
import { ErrorCodes, type ErrorCode } from '@shared/errors';

/**
 * Failures the browser detects itself; the server never sends these codes.
 * `invalid_response`: a successful answer whose body does not match its shared schema.
 */
export type ClientErrorCode = 'network_error' | 'unexpected_response' | 'invalid_response';

// Looser than `ErrorBody`: a newer server may send a code this client does not know yet,
// and its message is still worth showing.
const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** A failed API call: the server's stable error code when it sent one, and a message fit to show. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(
    code: ErrorCode | ClientErrorCode,
    status: number,
    message: string,
    options: { details?: unknown; requestId?: string | undefined } = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = options.details;
    this.requestId = options.requestId;
  }
}

/** Tells whether an error is worth retrying: a lost connection or a server fault, not a 4xx. */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500;
}

/** A message for any thrown value, for showing to the user. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

function isErrorCode(code: string): code is ErrorCode {
  return (ErrorCodes as readonly string[]).includes(code);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: the status alone must then explain it.
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const parsed = ErrorResponse.safeParse(body);
  if (!parsed.success) {
    return new ApiError(
      'unexpected_response',
      response.status,
      `The server answered with an error (HTTP ${response.status}).`,
    );
  }
  const { code, message, details, requestId } = parsed.data.error;
  return new ApiError(isErrorCode(code) ? code : 'unexpected_response', response.status, message, {
    details,
    requestId,
  });
}

/** What a page may send a JSON body with; each changes something, so the server checks its origin. */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: 'GET' | WriteMethod;
  body?: unknown;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

/** Sends one request; answers the parsed JSON body (undefined when empty), or throws an `ApiError`. */
async function request(
  path: string,
  { method = 'GET', body, signal, headers: extraHeaders }: RequestOptions,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: 'application/json, application/geo+json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The session cookie must go with every call, and never to another site.
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    // React Query cancelled the request: that is not a failure to report.
    if (signal?.aborted) throw error;
    throw new ApiError(
      'network_error',
      0,
      'The server could not be reached. Check your connection and try again.',
    );
  }
  const parsedBody = response.status === 204 ? undefined : await readJson(response);
  if (!response.ok) throw toApiError(response, parsedBody);
  return { status: response.status, body: parsedBody };
}

/**
 * An answer that does not match its schema, in development and tests: a bug to see at once,
 * with the route and every issue named, rather than a screen that half works.
 */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  readonly issues: z.core.$ZodIssue[];

  constructor(route: string, error: z.ZodError) {
    super(
      `${route} answered with a body that does not match its schema:\n${z.prettifyError(error)}`,
    );
    this.issues = error.issues;
  }
}

// Vite sets `import.meta.env`; under Node (the unit tests import this module) there is none.
const viteEnv = import.meta.env as ImportMetaEnv | undefined;
const STRICT_RESPONSES = !viteEnv || viteEnv.DEV || viteEnv.MODE === 'test';

/**
 * Parses a successful answer with its shared schema. A mismatch throws `ResponseShapeError`
 * when `strict` (development and tests); in production it is logged and becomes the
 * `invalid_response` `ApiError` that every error state already knows how to show.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  answer: { route: string; status: number; body: unknown },
  { strict = STRICT_RESPONSES }: { strict?: boolean } = {},
): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const error = new ResponseShapeError(answer.route, parsed.error);
  // React Query logs nothing of a failed query: the console is where a developer looks.
  console.error(error.message, parsed.error.issues);
  if (strict) throw error;
  throw new ApiError(
    'invalid_response',
    answer.status,
    'The server sent an answer this page could not read. Try again, or reload the page.',
    { details: parsed.error.issues },
  );
}

/**
 * Fetches an API path and parses the JSON answer with the shared zod schema, so that the
 * rest of the client only ever sees checked data; every failure becomes an `ApiError`.
 */
export async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  { signal }: { signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  const { status, body } = await request(path, { signal });
  return parseResponse(schema, { route: `GET ${path}`, status, body });
}

/**
 * Sends a JSON body (or none) to change something, and parses the answer with `schema`.
 * `headers` carries extras such as an `Idempotency-Key` for a creating POST.
 */
export async function sendJson<S extends z.ZodType>(
  method: WriteMethod,
  path: string,
  body: unknown,
  schema: S,
  { headers }: { headers?: Record<string, string> } = {},
): Promise<z.output<S>> {
  const answer = await request(path, { method, body, headers });
  return parseResponse(schema, { route: `${method} ${path}`, ...answer });
}

/** Sends a JSON body (or none) to a route that answers `204 No Content`. */
export async function sendWithoutAnswer(
  method: WriteMethod,
  path: string,
  body?: unknown,
): Promise<void> {
  await request(path, { method, body });
}

/** Whether an error is the server's refusal because nobody is signed in, or they may not. */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}
