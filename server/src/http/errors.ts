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

/** The one place that turns a thrown error into the API's error shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Half-sent: only Express's own handler can end it, by closing the connection.
    if (res.headersSent) return next(error);
    if (error instanceof AppError)
      return send(res, error.status, error.code, error.message, error.details);
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
