import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** What a one-time emailed link is for. */
export type EmailTokenPurpose = 'verify_email' | 'reset_password';

/** People, their sessions and their memberships, as authentication needs them. */
export function createAuthRepo(db: Kysely<Database>) {
  return {
    findPersonByEmail(email: string) {
      return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
    },

    findPersonById(id: string) {
      return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Inserts a person; answers undefined when the email is already taken. */
    async insertPerson(values: {
      email: string;
      name: string;
      passwordHash: string;
      isAdmin?: boolean;
      isDemo?: boolean;
    }) {
      return db
        .insertInto('people')
        .values({
          email: values.email,
          name: values.name,
          password_hash: values.passwordHash,
          is_admin: values.isAdmin ?? false,
          is_demo: values.isDemo ?? false,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async setPassword(personId: string, passwordHash: string): Promise<void> {
      await db
        .updateTable('people')
        .set({ password_hash: passwordHash, updated_at: sql`now()` })
        .where('id', '=', personId)
        .execute();
    },

    async insertSession(values: {
      tokenHash: string;
      personId: string;
      actingFor: string | null;
      expiresAt: Date;
    }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: values.tokenHash,
          person_id: values.personId,
          acting_organisation_id: values.actingFor,
          expires_at: values.expiresAt,
          last_seen_at: new Date(),
        })
        .execute();
    },

    /** A session still usable now: not revoked, not past its absolute or idle expiry. */
    findLiveSession(tokenHash: string, idleSince: Date) {
      return db
        .selectFrom('sessions')
        .innerJoin('people', 'people.id', 'sessions.person_id')
        .select([
          'sessions.token_hash',
          'sessions.person_id',
          'sessions.acting_organisation_id',
          'sessions.last_seen_at',
          'people.is_admin',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', new Date())
        .where('sessions.last_seen_at', '>', idleSince)
        .executeTakeFirst();
    },

    async touchSession(tokenHash: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async setActingFor(tokenHash: string, organisationId: string | null): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ acting_organisation_id: organisationId })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async revokeSession(tokenHash: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .execute();
    },

    /** Revokes every live session of the person; answers their ids. */
    async revokeAllSessions(personId: string): Promise<string[]> {
      const rows = await db
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('person_id', '=', personId)
        .where('revoked_at', 'is', null)
        .returning('token_hash')
        .execute();
      return rows.map((r) => r.token_hash);
    },

    /**
     * Records a one-time link's token (its hash) for the person, superseding their earlier
     * unused ones of the same purpose: only the newest link works.
     */
    async insertEmailToken(values: {
      tokenHash: string;
      personId: string;
      purpose: EmailTokenPurpose;
      email: string;
      expiresAt: Date;
    }): Promise<void> {
      // One at a time per person, so that of two links asked for at once only one stays live.
      await db
        .selectFrom('people')
        .select('id')
        .where('id', '=', values.personId)
        .forUpdate()
        .execute();
      await db
        .updateTable('email_tokens')
        .set({ used_at: new Date() })
        .where('person_id', '=', values.personId)
        .where('purpose', '=', values.purpose)
        .where('used_at', 'is', null)
        .execute();
      await db
        .insertInto('email_tokens')
        .values({
          token_hash: values.tokenHash,
          person_id: values.personId,
          purpose: values.purpose,
          email: values.email,
          expires_at: values.expiresAt,
        })
        .execute();
    },

    /** A link's token that is still usable (unused, unexpired), without using it. */
    findLiveEmailToken(tokenHash: string, purpose: EmailTokenPurpose) {
      return db
        .selectFrom('email_tokens')
        .select(['person_id', 'email'])
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
    },

    /**
     * Uses a link's token if it is still usable, in one statement so that two requests with
     * the same link cannot both succeed; answers undefined when it was not.
     */
    useEmailToken(tokenHash: string, purpose: EmailTokenPurpose) {
      return db
        .updateTable('email_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning(['person_id', 'email'])
        .executeTakeFirst();
    },

    /** Marks the address proven, if it is still the person's; answers whether it is. */
    async markEmailVerified(personId: string, email: string): Promise<boolean> {
      const row = await db
        .updateTable('people')
        .set({ email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: sql`now()` })
        .where('id', '=', personId)
        .where('email', '=', email)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    membershipsOf(personId: string) {
      return db
        .selectFrom('memberships')
        .select(['organisation_id', 'role'])
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .orderBy('organisation_id')
        .execute();
    },
  };
}

export type AuthRepo = ReturnType<typeof createAuthRepo>;
