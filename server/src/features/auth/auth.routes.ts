import type { RequestHandler } from 'express';
import {
  ActingFor,
  EmailVerify,
  MeView,
  PasswordChange,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetRequest,
  SignIn,
  SignUp,
  SignUpAccepted,
  VerificationResent,
} from '@shared/schemas/accounts';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { clearSessionCookie, setSessionCookie } from '../../http/session';
import { parsed, validate } from '../../http/validate';
import { requirePerson } from '../../lib/policy';
import type { AuthService } from './auth.service';

/** Rate limits on the routes that guess passwords, create accounts or send email. */
export interface AuthRouteLimits {
  signIn: RequestHandler[];
  signUp: RequestHandler[];
  passwordChange: RequestHandler[];
  passwordReset: RequestHandler[];
  verificationResend: RequestHandler[];
}

/**
 * `/api/auth/…` (sign-up, sign-in, sign-out, password, email verification, password reset)
 * and `/api/me`.
 */
export function authRoutes(table: RouteTable, service: AuthService, limits: AuthRouteLimits) {
  const auth = table.router('/auth');

  // One answer whether or not the email already had an account (and no session): sign-up
  // must not tell anyone who is registered. The client signs in next, as the person would.
  const accepted: SignUpAccepted = {
    status: 'accepted',
    message:
      'Thank you. Now sign in with this email and password to continue. If this email ' +
      'already had an account, nothing has changed: sign in with its password instead.',
  };
  auth.post(
    '/sign-up',
    { response: SignUpAccepted, status: 202 },
    ...limits.signUp,
    validate('body', SignUp),
    async (_req, res) => {
      await service.signUp(parsed(res, 'body', SignUp), context(res));
      res.status(202).json(accepted);
    },
  );

  auth.post(
    '/sign-in',
    { response: MeView },
    ...limits.signIn,
    validate('body', SignIn),
    async (_req, res) => {
      const { email, password } = parsed(res, 'body', SignIn);
      const session = await service.signIn(email, password, context(res));
      setSessionCookie(res, session);
      res.locals.actor = await service.resolve(session.token);
      res.json(await service.me(context(res)));
    },
  );

  auth.post('/sign-out', { response: null }, async (_req, res) => {
    await service.signOut(context(res));
    clearSessionCookie(res);
    res.status(204).end();
  });

  const signedIn: RequestHandler = (_req, res, next) => {
    requirePerson(context(res).actor);
    next();
  };

  auth.post(
    '/password',
    { response: null },
    signedIn,
    ...limits.passwordChange,
    validate('body', PasswordChange),
    async (_req, res) => {
      const ctx = context(res);
      const { currentPassword, newPassword } = parsed(res, 'body', PasswordChange);
      const session = await service.changePassword(ctx, currentPassword, newPassword);
      setSessionCookie(res, session);
      res.status(204).end();
    },
  );

  // Not signed in necessarily: the link may be opened in another browser than the account's.
  auth.post(
    '/verify-email',
    { response: null },
    validate('body', EmailVerify),
    async (_req, res) => {
      await service.verifyEmail(parsed(res, 'body', EmailVerify).token);
      res.status(204).end();
    },
  );

  auth.post(
    '/verify-email/resend',
    { response: VerificationResent, status: 202 },
    signedIn,
    ...limits.verificationResend,
    async (_req, res) => {
      const status = await service.resendVerification(context(res));
      const answer: VerificationResent =
        status === 'sent'
          ? {
              status,
              message:
                'We have sent a new link to your email address. It works for 48 hours; earlier links no longer work.',
            }
          : { status, message: 'Your email address is already confirmed: there is nothing to do.' };
      res.status(202).json(answer);
    },
  );

  // The same answer whether or not the email has an account.
  const resetAccepted: PasswordResetAccepted = {
    status: 'accepted',
    message:
      'If this email has an Impact Atlas account, we have sent it a link to choose a new ' +
      'password. The link works for 30 minutes. Check your spam folder if it does not arrive.',
  };
  auth.post(
    '/password-reset',
    { response: PasswordResetAccepted, status: 202 },
    ...limits.passwordReset,
    validate('body', PasswordResetRequest),
    async (_req, res) => {
      await service.requestPasswordReset(
        parsed(res, 'body', PasswordResetRequest).email,
        context(res),
      );
      res.status(202).json(resetAccepted);
    },
  );

  auth.post(
    '/password-reset/confirm',
    { response: null },
    validate('body', PasswordResetConfirm),
    async (_req, res) => {
      const { token, newPassword } = parsed(res, 'body', PasswordResetConfirm);
      await service.confirmPasswordReset(token, newPassword, context(res));
      // This browser's session (if any) ended with every other: it signs in afresh.
      clearSessionCookie(res);
      res.status(204).end();
    },
  );

  const me = table.router('/me');
  me.get('/', { response: MeView }, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.me(context(res)));
  });
  me.put('/acting-for', { response: MeView }, validate('body', ActingFor), async (_req, res) => {
    const ctx = context(res);
    requirePerson(ctx.actor);
    await service.setActingFor(ctx, parsed(res, 'body', ActingFor).organisationId);
    res.locals.actor = { ...ctx.actor, actingFor: parsed(res, 'body', ActingFor).organisationId };
    res.json(await service.me(context(res)));
  });

  return { auth: auth.router, me: me.router };
}
