import type { ErrorCode } from '@shared/errors';

/**
 * A failure the client can act on. Services throw it; the error middleware turns it
 * into `{ error: { code, message, details } }` with its status.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
