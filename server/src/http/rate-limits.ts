import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
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

/** Where a limiter keeps its counts, by the limiter's own prefix (each counts apart). */
export type RateLimitStores = (prefix: string) => Store;

/**
 * Limits on the routes that guess passwords or create accounts. Without `stores` the counts
 * are kept in this process's memory; with them (Redis, when `REDIS_URL` is set) every process
 * shares one count, so N processes allow what one does.
 */
export function authRateLimits(settings: RateLimitSettings, stores?: RateLimitStores) {
  const kept = (prefix: string): Partial<Options> => (stores ? { store: stores(prefix) } : {});
  return {
    signIn: [
      limiter(settings.signInPerIp, settings.windowMinutes, kept('sign-in-ip:')),
      limiter(settings.signInPerAccount, settings.windowMinutes, {
        keyGenerator: accountAtAddress,
        skipSuccessfulRequests: true,
        ...kept('sign-in-account:'),
      }),
    ],
    // A stolen session must not be a way to guess the current password.
    passwordChange: [
      limiter(settings.signInPerAccount, settings.windowMinutes, {
        keyGenerator: (_req, res) =>
          `person:${(res.locals.actor as { personId?: string }).personId ?? ''}`,
        skipSuccessfulRequests: true,
        ...kept('password-change:'),
      }),
    ],
    signUp: [limiter(settings.signUpPerIp, settings.windowMinutes, kept('sign-up-ip:'))],
    // Each request may send an email: bounded per address like sign-up, and per email so that
    // nobody's inbox is flooded from many addresses.
    passwordReset: [
      limiter(settings.signUpPerIp, settings.windowMinutes, kept('password-reset-ip:')),
      limiter(settings.signInPerAccount, settings.windowMinutes, {
        keyGenerator: (req) =>
          `email:${typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : ''}`,
        ...kept('password-reset-email:'),
      }),
    ],
    // Each invitation emails an address the owner chose: bounded per person, so that an
    // organisation cannot be made a way to send mail to anyone.
    invitations: [
      limiter(settings.signInPerIp, settings.windowMinutes, {
        keyGenerator: (_req, res) =>
          `person:${(res.locals.actor as { personId?: string }).personId ?? ''}`,
        ...kept('invitations:'),
      }),
    ],
    // Each one sends an email: as many a window as sign-ups from one address.
    verificationResend: [
      limiter(settings.signUpPerIp, settings.windowMinutes, {
        keyGenerator: (_req, res) =>
          `person:${(res.locals.actor as { personId?: string }).personId ?? ''}`,
        ...kept('verification-resend:'),
      }),
    ],
  };
}
