import { createHash, randomBytes } from 'node:crypto';
import type { MeView, SignUp } from '@shared/schemas/accounts';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor, RequestContext } from '../../lib/actor';
import type { DomainEvents } from '../../lib/domain-events';
import { AppError } from '../../lib/app-error';
import { createLogger, type Logger } from '../../lib/logger';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { auditEntry } from '../audit/audit.service';
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

/** Sign-up, sign-in, sessions and passwords. */
export function createAuthService(
  { repos, uow }: ServiceDeps,
  settings: SessionSettings,
  events?: DomainEvents,
  logger: Logger = createLogger('error'),
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
        return null;
      });
      if (existing) {
        // Never the password, nor the email: the person's id is enough to find them.
        logger.info('sign-up with an email that already has an account', {
          requestId: ctx.requestId,
          personId: existing.personId,
          outcome: 'nothing created; answered as for a new email',
          owner: 'to be told by email once the app sends email (a later issue)',
        });
      }
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
        person: { id: person.id, email: person.email, name: person.name, isAdmin: person.is_admin },
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
