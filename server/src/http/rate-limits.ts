import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { AppError } from '../lib/app-error';

export interface RateLimitSettings {
  /** Sign-in attempts per IP address per window. */
  signInPerIp: number;
  /** Failed sign-ins per account (email) from one address, and failed password changes per person, per window. */
  signInPerAccount: number;
  /** Sign-ups per IP address per window. */
  signUpPerIp: number;
  windowMinutes: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signInPerIp: 30,
  signInPerAccount: 10,
  signUpPerIp: 10,
  windowMinutes: 15,
};

function limiter(
  limit: number,
  windowMinutes: number,
  extra: Partial<Options> = {},
): RequestHandler {
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, next, options) => {
      // express-rate-limit has set Retry-After; the body keeps the API's one error shape.
      next(
        new AppError(
          'rate_limited',
          options.statusCode,
          'Too many attempts: wait a while and try again',
          {
            retryAfterSeconds: Number(res.get('Retry-After')) || null,
          },
        ),
      );
    },
    ...extra,
  });
}

// Per account *and* address: a stranger failing on purpose cannot lock the owner out from
// elsewhere, while the per-address limit still bounds guessing spread over many accounts.
const accountAtAddress = (req: Request) => {
  const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
  return `${email}|${ipKeyGenerator(req.ip ?? '')}`;
};

/**
 * Limits on the routes that guess passwords or create accounts. Counts are kept per
 * process (memory store): behind several processes the effective limit is multiplied.
 */
export function authRateLimits(settings: RateLimitSettings) {
  return {
    signIn: [
      limiter(settings.signInPerIp, settings.windowMinutes),
      limiter(settings.signInPerAccount, settings.windowMinutes, {
        keyGenerator: accountAtAddress,
        skipSuccessfulRequests: true,
      }),
    ],
    // A stolen session must not be a way to guess the current password.
    passwordChange: [
      limiter(settings.signInPerAccount, settings.windowMinutes, {
        keyGenerator: (_req, res) =>
          `person:${(res.locals.actor as { personId?: string }).personId ?? ''}`,
        skipSuccessfulRequests: true,
      }),
    ],
    signUp: [limiter(settings.signUpPerIp, settings.windowMinutes)],
  };
}
