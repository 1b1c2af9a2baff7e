import { z } from 'zod';
import { ErrorCodes, type ErrorCode } from '@shared/errors';

/** Failures the browser detects itself; the server never sends these codes. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

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

/**
 * Fetches an API path and parses the JSON answer with the shared zod schema, so that the
 * rest of the client only ever sees checked data; every failure becomes an `ApiError`.
 */
export async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  { signal }: { signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json, application/geo+json' },
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
  const body = await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'unexpected_response',
      response.status,
      'The server sent data this page cannot read.',
      {
        details: parsed.error.issues,
      },
    );
  }
  return parsed.data;
}
