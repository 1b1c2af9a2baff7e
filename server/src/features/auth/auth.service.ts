import { createHash, randomBytes } from 'node:crypto';
import type { MeView, SignUp } from '@shared/schemas/accounts';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor, RequestContext } from '../../lib/actor';
import type { DomainEvents } from '../../lib/domain-events';
import { AppError } from '../../lib/app-error';
import { createLogger, type Logger } from '../../lib/logger';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { auditEntry } from '../audit/audit.service';
import type { OutgoingEmail } from '../mail/mail.repo';
import { renderEmail } from '../mail/templates';
import { createNotifier, type Notifier } from '../notifications/notifications.service';
import type { EmailTokenPurpose } from './auth.repo';
import { presentOrganisation } from '../organisations/organisations.presenter';
import { checkTerritories, createOrganisation } from '../organisations/organisations.service';
import { requireStrongPassword } from '../../lib/password-strength';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
  passwordHashCost: number;
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// Don't touch last_seen_at on every request: once a minute is precise enough for idle expiry.
const TOUCH_AFTER_MS = 60_000;

const VERIFY_EMAIL_HOURS = 48;
const RESET_PASSWORD_MINUTES = 30;

/** What an unknown, used or expired link answers, whichever it was. */
const linkExpired = () =>
  new AppError(
    'link_expired',
    400,
    'This link has expired or has already been used. Ask for a new one and use the link in the newest email.',
  );

/** Sign-up, sign-in, sessions, passwords and the account emails (verification, reset). */
export function createAuthService(
  { repos, uow }: ServiceDeps,
  settings: SessionSettings,
  events?: DomainEvents,
  logger: Logger = createLogger('error'),
  // Builds the emails' links; without one (a process that sends no mail), they point at localhost.
  notifier: Pick<Notifier, 'url'> = createNotifier({ publicUrl: 'http://localhost:3000' }),
) {
  const repo = repos.auth;
  // Checked against when the email is unknown, so a failed sign-in takes as long either way.
  const decoyHash = hashPassword('decoy password that matches nothing', settings.passwordHashCost);

  async function issueSession(tx: Repos, personId: string, actingFor: string | null) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.absoluteHours * 3_600_000);
    await tx.auth.insertSession({
      tokenHash: hashToken(token),
      personId,
      actingFor,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** A new one-time link's token for the person (only its hash is kept), valid for `ms`. */
  async function issueEmailToken(
    tx: Repos,
    person: { id: string; email: string },
    purpose: EmailTokenPurpose,
    ms: number,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await tx.auth.insertEmailToken({
      tokenHash: hashToken(token),
      personId: person.id,
      purpose,
      email: person.email,
      expiresAt: new Date(Date.now() + ms),
    });
    return token;
  }

  type Addressee = { id: string; email: string; name: string };

  /** Writes the email with a new link that proves the person reads mail at their address. */
  async function writeVerificationEmail(tx: Repos, person: Addressee): Promise<void> {
    const token = await issueEmailToken(tx, person, 'verify_email', VERIFY_EMAIL_HOURS * 3_600_000);
    const link = notifier.url(`/verify-email?token=${token}`);
    await tx.mail.enqueue([
      {
        to: person.email,
        personId: person.id,
        kind: 'verify_email',
        ...renderEmail({
          subject: 'Confirm your email address for Impact Atlas',
          recipientName: person.name,
          paragraphs: [
            `You have an Impact Atlas account with this email address, ${person.email}. ` +
              'Confirm that it is yours so that we can send you notifications and you can ' +
              'accept invitations to join organisations.',
          ],
          action: { label: 'Confirm your email address', url: link },
          footer: [
            `The link works once, for ${VERIFY_EMAIL_HOURS} hours. Once it has expired, ` +
              'sign in and ask for a new one.',
            'If you did not create an account, ignore this email: nothing happens unless ' +
              'the link is followed.',
          ],
        }),
      },
    ]);
  }

  /** The email telling an account's owner that someone tried to sign up with their address. */
  function signUpExistingEmail(owner: Addressee): OutgoingEmail {
    return {
      to: owner.email,
      personId: owner.id,
      kind: 'sign_up_existing',
      ...renderEmail({
        subject: 'Someone tried to create an Impact Atlas account with your email address',
        recipientName: owner.name,
        paragraphs: [
          `Someone tried to create a new Impact Atlas account with your email address, ` +
            `${owner.email}. You already have an account, so nothing was created and nothing ` +
            'about your account has changed.',
          'If it was you, sign in with your existing password instead. If you have ' +
            'forgotten it, choose "Forgot your password?" on the sign-in page and we will ' +
            'email you a link to choose a new one.',
        ],
        action: { label: 'Sign in to Impact Atlas', url: notifier.url('/sign-in') },
        footer: ['If it was not you, you do not need to do anything: your account is safe.'],
      }),
    };
  }

  /** The email with a link to choose a new password. */
  function passwordResetEmail(person: Addressee, token: string): OutgoingEmail {
    return {
      to: person.email,
      personId: person.id,
      kind: 'password_reset',
      ...renderEmail({
        subject: 'Reset your Impact Atlas password',
        recipientName: person.name,
        paragraphs: [
          `Someone (we hope you) asked to reset the password of the Impact Atlas account ` +
            `for ${person.email}. Follow the link to choose a new password. Choosing it ` +
            'signs you out everywhere you are signed in.',
        ],
        action: {
          label: 'Choose a new password',
          url: notifier.url(`/reset-password?token=${token}`),
        },
        footer: [
          `The link works once, for ${RESET_PASSWORD_MINUTES} minutes, and only the newest ` +
            'link we sent works.',
          'If you did not ask for this, ignore this email: your password stays as it is.',
        ],
      }),
    };
  }

  return {
    /**
     * Creates a person (and their organisation, if asked) when the email is new; when it
     * already has an account, creates nothing, and records and logs the attempt for the
     * account's owner to be told. The caller cannot tell which happened: no error, no session,
     * the same work either way. What does not depend on the email (a weak password, an unknown
     * territory) is still refused.
     */
    async signUp(input: SignUp, ctx: RequestContext): Promise<void> {
      requireStrongPassword(input.password, 'password', [input.email, input.name]);
      // Hashed before the email is looked up, so both outcomes spend scrypt's time.
      const passwordHash = await hashPassword(input.password, settings.passwordHashCost);
      const existing = await uow(async (tx) => {
        // Before the email is looked at, so that a bad territory is refused either way.
        if (input.organisation) {
          await checkTerritories(tx, input.organisation.territories, 'organisation.territories');
        }
        const person = await tx.auth.insertPerson({
          email: input.email,
          name: input.name,
          passwordHash,
        });
        if (!person) {
          // Taken before, or just now by a simultaneous sign-up (whose insert ours waited for):
          // the same answer as for a new email, never a conflict.
          const owner = await tx.auth.findPersonByEmail(input.email);
          if (owner) {
            await tx.mail.enqueue([signUpExistingEmail(owner)]);
            await tx.audit.record(
              auditEntry(ctx, {
                action: 'people.sign_up_with_existing_email',
                objectType: 'person',
                objectId: owner.id,
                summary: {},
              }),
            );
          }
          return { personId: owner?.id ?? null };
        }
        const self: RequestContext = {
          ...ctx,
          actor: {
            kind: 'person',
            personId: person.id,
            isAdmin: false,
            memberships: new Map(),
            actingFor: null,
            sessionId: '',
          },
        };
        await tx.audit.record(
          auditEntry(self, {
            action: 'people.created',
            objectType: 'person',
            objectId: person.id,
            summary: { email: person.email },
          }),
        );
        if (input.organisation) {
          await createOrganisation(tx, self, input.organisation, 'organisation.');
        }
        await writeVerificationEmail(tx, person);
        return null;
      });
      events?.emit('mail.written');
      if (existing) {
        // Never the password, nor the email: the person's id is enough to find them.
        logger.info('sign-up with an email that already has an account', {
          requestId: ctx.requestId,
          personId: existing.personId,
          outcome: 'nothing created; answered as for a new email',
          owner: 'told by email (sign_up_existing)',
        });
      }
    },

    /**
     * Follows a verification link: the address it was sent to is proven, once. (The person's
     * `email_verified_at` records when; the audit trail keeps to changes people make.)
     */
    async verifyEmail(token: string): Promise<void> {
      await uow(async (tx) => {
        const used = await tx.auth.useEmailToken(hashToken(token), 'verify_email');
        // A link sent to an address the person no longer has proves nothing about the new one.
        if (!used || !(await tx.auth.markEmailVerified(used.person_id, used.email)))
          throw linkExpired();
      });
    },

    /**
     * Sends the signed-in person a new verification link (older ones stop working);
     * answers whether one was sent: none when the address is already proven.
     */
    async resendVerification(ctx: RequestContext): Promise<'sent' | 'already_verified'> {
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'Sign in to do this');
      const person = await repo.findPersonById(ctx.actor.personId);
      if (!person) throw new AppError('unauthenticated', 401, 'Sign in to do this');
      if (person.email_verified_at) return 'already_verified';
      await uow((tx) => writeVerificationEmail(tx, person));
      events?.emit('mail.written');
      return 'sent';
    },

    /**
     * Emails a password reset link when the email has an account, and does nothing
     * otherwise; the caller cannot tell which (no error either way, and no wait: the link is
     * written after the answer, so a known email is not answered more slowly than another).
     */
    async requestPasswordReset(email: string, ctx: RequestContext): Promise<void> {
      const person = await repo.findPersonByEmail(email);
      if (!person) return;
      const written = uow(async (tx) => {
        const token = await issueEmailToken(
          tx,
          person,
          'reset_password',
          RESET_PASSWORD_MINUTES * 60_000,
        );
        await tx.mail.enqueue([passwordResetEmail(person, token)]);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'people.password_reset_requested',
            objectType: 'person',
            objectId: person.id,
            summary: {},
          }),
        );
      });
      written.then(
        () => events?.emit('mail.written'),
        (error: unknown) =>
          logger.error('could not write a password reset email', {
            requestId: ctx.requestId,
            personId: person.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    },

    /**
     * Sets a new password with a reset link's token (used once), and ends every session of
     * the person: whoever knew the old password is signed out.
     */
    async confirmPasswordReset(
      token: string,
      newPassword: string,
      ctx: RequestContext,
    ): Promise<void> {
      const tokenHash = hashToken(token);
      const live = await repo.findLiveEmailToken(tokenHash, 'reset_password');
      const person = live ? await repo.findPersonById(live.person_id) : undefined;
      if (!live || !person || person.email !== live.email) throw linkExpired();
      requireStrongPassword(newPassword, 'newPassword', [person.email, person.name]);
      const passwordHash = await hashPassword(newPassword, settings.passwordHashCost);
      const revoked = await uow(async (tx) => {
        // Used here, not above: of two requests with one link, only one sets a password.
        if (!(await tx.auth.useEmailToken(tokenHash, 'reset_password'))) throw linkExpired();
        await tx.auth.setPassword(person.id, passwordHash);
        // Following the link shows the person reads mail at this address.
        await tx.auth.markEmailVerified(person.id, person.email);
        const ended = await tx.auth.revokeAllSessions(person.id);
        await tx.audit.record({
          ...auditEntry(ctx, {
            action: 'people.password_reset',
            objectType: 'person',
            objectId: person.id,
            summary: { sessionsRevoked: ended.length },
          }),
          actorId: person.id,
          actingOrganisationId: null,
        });
        return ended;
      });
      events?.emit('sessions.revoked', { sessionIds: revoked, reason: 'revoked' });
    },

    /** Signs in with email and password; the same failure whether or not the email exists. */
    async signIn(email: string, password: string, ctx: RequestContext): Promise<IssuedSession> {
      const person = await repo.findPersonByEmail(email);
      const ok = person
        ? await verifyPassword(password, person.password_hash)
        : await verifyPassword(password, await decoyHash).then(() => false);
      if (!person || !ok)
        throw new AppError('invalid_credentials', 401, 'The email or password is not right');
      const memberships = await repo.membershipsOf(person.id);
      return uow(async (tx) => {
        const session = await issueSession(tx, person.id, memberships[0]?.organisation_id ?? null);
        await tx.audit.record({
          ...auditEntry(ctx, {
            action: 'sessions.created',
            objectType: 'person',
            objectId: person.id,
            summary: {},
          }),
          actorId: person.id,
        });
        return session;
      });
    },

    /** The actor behind a session cookie; anonymous when the session is unknown, expired or revoked. */
    async resolve(token: string | undefined): Promise<Actor> {
      if (!token || token.length > 100) return { kind: 'anonymous' };
      const tokenHash = hashToken(token);
      const idleSince = new Date(Date.now() - settings.idleMinutes * 60_000);
      const session = await repo.findLiveSession(tokenHash, idleSince);
      if (!session) return { kind: 'anonymous' };
      if (Date.now() - new Date(session.last_seen_at).getTime() > TOUCH_AFTER_MS)
        await repo.touchSession(tokenHash);
      const memberships = await repo.membershipsOf(session.person_id);
      return {
        kind: 'person',
        personId: session.person_id,
        isAdmin: session.is_admin,
        memberships: new Map(memberships.map((m) => [m.organisation_id, m.role])),
        actingFor:
          session.acting_organisation_id &&
          memberships.some((m) => m.organisation_id === session.acting_organisation_id)
            ? session.acting_organisation_id
            : null,
        sessionId: tokenHash,
      };
    },

    async signOut(ctx: RequestContext): Promise<void> {
      if (ctx.actor.kind !== 'person') return;
      const { sessionId, personId } = ctx.actor;
      await uow(async (tx) => {
        await tx.auth.revokeSession(sessionId);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'sessions.revoked',
            objectType: 'person',
            objectId: personId,
            summary: { reason: 'sign-out' },
          }),
        );
      });
      events?.emit('sessions.revoked', { sessionIds: [sessionId], reason: 'signed_out' });
    },

    /** Changes the password, ends every session of the person, and opens a new one for this client. */
    async changePassword(
      ctx: RequestContext,
      current: string,
      next: string,
    ): Promise<IssuedSession> {
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'Sign in to do this');
      const { personId, actingFor } = ctx.actor;
      const person = await repo.findPersonById(personId);
      if (!person || !(await verifyPassword(current, person.password_hash))) {
        throw new AppError('invalid_credentials', 401, 'The current password is not right');
      }
      requireStrongPassword(next, 'newPassword', [person.email, person.name]);
      const passwordHash = await hashPassword(next, settings.passwordHashCost);
      const { session, revoked } = await uow(async (tx) => {
        const auth = tx.auth;
        await auth.setPassword(personId, passwordHash);
        const ended = await auth.revokeAllSessions(personId);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'people.password_changed',
            objectType: 'person',
            objectId: personId,
            summary: { sessionsRevoked: ended.length },
          }),
        );
        return { session: await issueSession(tx, personId, actingFor), revoked: ended };
      });
      // After commit: open sockets of the old sessions are closed now, not at their next request.
      events?.emit('sessions.revoked', { sessionIds: revoked, reason: 'revoked' });
      return session;
    },

    /** Chooses which of the person's organisations they act for. */
    async setActingFor(ctx: RequestContext, organisationId: string): Promise<void> {
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'Sign in to do this');
      if (!ctx.actor.memberships.has(organisationId)) {
        throw new AppError('forbidden', 403, 'You can act only for an organisation you belong to');
      }
      const { sessionId, personId } = ctx.actor;
      await uow(async (tx) => {
        await tx.auth.setActingFor(sessionId, organisationId);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'sessions.acting_for_changed',
            objectType: 'person',
            objectId: personId,
            organisationId,
            // Only the new organisation: its owners read this entry, and the old one is not theirs.
            summary: { actingFor: organisationId },
          }),
        );
      });
    },

    /** The signed-in person, their organisations and roles, and whom they act for. */
    async me(ctx: RequestContext): Promise<MeView> {
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'You are not signed in');
      const person = await repo.findPersonById(ctx.actor.personId);
      if (!person) throw new AppError('unauthenticated', 401, 'You are not signed in');
      const organisations = await repos.organisations.findByIds([...ctx.actor.memberships.keys()]);
      const memberships = ctx.actor.memberships;
      return {
        person: {
          id: person.id,
          email: person.email,
          name: person.name,
          isAdmin: person.is_admin,
          emailVerified: person.email_verified_at !== null,
        },
        organisations: organisations.map((o) => ({
          ...presentOrganisation(o),
          role: memberships.get(o.id)!,
        })),
        actingFor: ctx.actor.actingFor,
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
