import type { CookieOptions, RequestHandler, Response } from 'express';
import type { AuthService, IssuedSession } from '../features/auth/auth.service';

export const SESSION_COOKIE = 'ia_session';

/** Resolves the session cookie into `res.locals.actor` (anonymous when there is none). */
export function sessionMiddleware(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    res.locals.actor = await auth.resolve(req.cookies?.[SESSION_COOKIE] as string | undefined);
    next();
  };
}

function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over HTTPS, gone at absolute expiry. */
export function setSessionCookie(res: Response, session: IssuedSession): void {
  res.cookie(SESSION_COOKIE, session.token, {
    ...cookieOptions(res.req.secure),
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(res.req.secure));
}
