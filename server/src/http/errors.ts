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
    logger.error('unhandled error', {
      requestId: res.locals.requestId,
      method: req.method,
      path: req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    send(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged');
  };
}
