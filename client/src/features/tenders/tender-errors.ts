import { ApiError } from '../../lib/api';

/**
 * Whether loading a tender or an SPO failed because there is none at that address (or
 * none the viewer may see): a 404, or an id so malformed the server refused it as invalid.
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'validation_failed');
}
