import { ApiError } from '../../lib/api';

/**
 * Whether loading an activity failed because there is none at that address: a 404
 * (`activity_not_found`), or an id so malformed the server refused it as invalid input.
 * Checked by status too, since a client older than the server may not know the code.
 */
export function isActivityNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'validation_failed');
}
