import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody, ErrorCode } from '@shared/errors';
import { AppError } from '../lib/app-error';
import type { Logger } from '../lib/logger';

function send(
  res: Parameters<RequestHandler>[1],
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  const body: ErrorBody = {
    error: { code, message, details: details ?? null, requestId: res.locals.requestId as string },
  };
  res.status(status).json(body);
}

/** Answers any `/api` route nobody handled with a JSON 404. */
export const apiNotFound: RequestHandler = (req, res) => {
  send(res, 404, 'route_not_found', `No API route ${req.method} ${req.baseUrl}${req.path}`);
};

// Errors that Express and body-parser raise with a status of their own.
function isHttpError(error: unknown): error is { status: number; type?: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

/** PostgreSQL's SQLSTATE of an error raised by the database (node-postgres and PGlite alike). */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Constraint violations the services should have refused first, answered as the client's
 * problem rather than a 500: a unique key (`23505`, two requests at once) and a CHECK
 * (`23514`, a value a schema let through).
 */
const CONSTRAINTS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  '23505': {
    status: 409,
    code: 'conflict',
    message: 'This collided with another change made at the same time; reload and try again',
  },
  '23514': {
    status: 400,
    code: 'validation_failed',
    message: 'The request is not valid: a value is outside what can be stored',
  },
};

/** Seconds a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * Is this the database being unreachable rather than a fault of the request: no connection
 * (refused, reset, timed out, terminated), the server shutting down or starting up
 * (SQLSTATE class 08, 57P01–57P03), or a statement cancelled by its timeout (57014)?
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state && (state.startsWith('08') || /^57P0[1-3]$|^57014$/.test(state))) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/.test(code)
  )
    return true;
  const message = error instanceof Error ? error.message : '';
  // `is not queryable`: node-postgres on a client whose connection broke, as in the rollback
  // that Kysely sends after a transaction's statement failed on a killed connection.
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|is not queryable/i.test(
    message,
  );
}

/** The one place that turns a thrown error into the API's error shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Half-sent: only Express's own handler can end it, by closing the connection.
    if (res.headersSent) return next(error);
    if (error instanceof AppError) {
      if (error.code === 'database_unavailable')
        res.set('Retry-After', String(DATABASE_RETRY_AFTER_S));
      return send(res, error.status, error.code, error.message, error.details);
    }
    if (isHttpError(error) && error.status >= 400 && error.status < 500) {
      if (error.status === 404) return send(res, 404, 'route_not_found', 'Not found');
      if (error.status === 413)
        return send(res, 413, 'payload_too_large', 'The request body is too large');
      return send(
        res,
        error.status,
        'malformed_request',
        `The request could not be read: ${error.message}`,
      );
    }
    if (isDatabaseUnavailable(error)) {
      logger.error('database unavailable', {
        requestId: res.locals.requestId,
        method: req.method,
        path: req.path,
        error: error instanceof Error ? error.message : String(error),
      });
      res.set('Retry-After', String(DATABASE_RETRY_AFTER_S));
      return send(
        res,
        503,
        'database_unavailable',
        'The service cannot reach its database just now; try again in a few seconds',
      );
    }
    const refused = CONSTRAINTS[sqlState(error) ?? ''];
    if (refused) {
      // Logged all the same: each one is a check missing from a service or a schema.
      logger.error('database constraint refused a write', {
        requestId: res.locals.requestId,
        method: req.method,
        path: req.path,
        sqlState: sqlState(error),
        constraint: (error as { constraint?: unknown }).constraint,
        error: error instanceof Error ? error.message : String(error),
      });
      const details =
        refused.code === 'validation_failed'
          ? [{ path: '', message: 'a value is outside what can be stored' }]
          : null;
      return send(res, refused.status, refused.code, refused.message, details);
    }
    logger.error('unhandled error', {
      requestId: res.locals.requestId,
      method: req.method,
      path: req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    send(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged');
  };
}
