import type { RequestHandler } from 'express';
import { AppError } from '../lib/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another origin (CSRF). Browsers
 * send `Origin` on such requests, and `Sec-Fetch-Site` in modern ones; a request with
 * neither comes from a non-browser client, which holds no victim's cookie.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const own = `${req.protocol}://${req.get('host')}`;
    const allowed =
      origin === undefined
        ? site !== 'cross-site'
        : origin === own || allowedOrigins.includes(origin);
    if (!allowed) {
      throw new AppError(
        'cross_origin_refused',
        403,
        'Requests that change data must come from this site',
        {
          origin: origin ?? null,
        },
      );
    }
    next();
  };
}
