import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  NotificationChannel,
  NotificationKind,
  SavedInterest,
} from '@shared/schemas/notifications';
import type { Database, NotificationsTable } from '../../db/schema';

export type NotificationRow = Selectable<NotificationsTable>;

/** A person who may be told something: where to write, and whether the address is proven. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  verified: boolean;
  mailKey: string;
}

export interface NewNotification {
  personId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  objectType: string;
  objectId: string;
  dedupeKey: string;
  channel: NotificationChannel;
}

/** Notifications, preferences and saved interests; the jobs' bookkeeping. */
export function createNotificationsRepo(db: Kysely<Database>) {
  const recipientColumns = [
    'people.id',
    'people.email',
    'people.name',
    'people.email_verified_at',
    'people.mail_key',
  ] as const;
  const asRecipient = (r: {
    id: string;
    email: string;
    name: string;
    email_verified_at: Date | null;
    mail_key: string;
  }): Recipient => ({
    id: r.id,
    email: r.email,
    name: r.name,
    verified: r.email_verified_at !== null,
    mailKey: r.mail_key,
  });

  return {
    /** The members of these organisations (each person once). */
    async membersOf(organisationIds: string[]): Promise<Recipient[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('people', 'people.id', 'memberships.person_id')
        .select(recipientColumns)
        .where('memberships.organisation_id', 'in', organisationIds)
        .distinct()
        .execute();
      return rows.map(asRecipient);
    },

    async people(personIds: string[]): Promise<Recipient[]> {
      if (personIds.length === 0) return [];
      const rows = await db
        .selectFrom('people')
        .select(recipientColumns)
        .where('people.id', 'in', personIds)
        .execute();
      return rows.map(asRecipient);
    },

    async personByEmail(email: string): Promise<Recipient | undefined> {
      const row = await db
        .selectFrom('people')
        .select(recipientColumns)
        .where('people.email', '=', email)
        .executeTakeFirst();
      return row && asRecipient(row);
    },

    /** Each person's chosen channel for `kind` (those who chose none are absent). */
    async channels(personIds: string[], kind: NotificationKind) {
      if (personIds.length === 0) return new Map<string, NotificationChannel>();
      const rows = await db
        .selectFrom('notification_preferences')
        .select(['person_id', 'channel'])
        .where('person_id', 'in', personIds)
        .where('kind', '=', kind)
        .execute();
      return new Map(rows.map((r) => [r.person_id, r.channel]));
    },

    /** Inserts what is new; a (person, dedupe key) already told is skipped. Answers the new rows. */
    async insert(rows: NewNotification[]): Promise<NotificationRow[]> {
      if (rows.length === 0) return [];
      return db
        .insertInto('notifications')
        .values(
          rows.map((n) => ({
            person_id: n.personId,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            object_type: n.objectType,
            object_id: n.objectId,
            dedupe_key: n.dedupeKey,
            channel: n.channel,
          })),
        )
        .onConflict((oc) => oc.columns(['person_id', 'dedupe_key']).doNothing())
        .returningAll()
        .execute();
    },

    async list(personId: string, q: { unread?: boolean; page: number; pageSize: number }) {
      let query = db.selectFrom('notifications').where('person_id', '=', personId);
      if (q.unread === true) query = query.where('read_at', 'is', null);
      if (q.unread === false) query = query.where('read_at', 'is not', null);
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy('id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: count.n };
    },

    async unreadCount(personId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('person_id', '=', personId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Marks one of the person's notifications read; undefined when it is not theirs. */
    async markRead(personId: string, id: string, read: boolean) {
      return db
        .updateTable('notifications')
        .set({ read_at: read ? sql`coalesce(read_at, now())` : null })
        .where('person_id', '=', personId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    async markAllRead(personId: string): Promise<number> {
      const result = await db
        .updateTable('notifications')
        .set({ read_at: sql`now()` })
        .where('person_id', '=', personId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async preferences(personId: string) {
      const rows = await db
        .selectFrom('notification_preferences')
        .select(['kind', 'channel'])
        .where('person_id', '=', personId)
        .execute();
      return new Map(rows.map((r) => [r.kind, r.channel]));
    },

    async setPreferences(
      personId: string,
      prefs: { kind: NotificationKind; channel: NotificationChannel }[],
    ) {
      await db
        .insertInto('notification_preferences')
        .values(prefs.map((p) => ({ person_id: personId, kind: p.kind, channel: p.channel })))
        .onConflict((oc) =>
          oc.columns(['person_id', 'kind']).doUpdateSet({
            channel: (eb) => eb.ref('excluded.channel'),
            updated_at: sql`now()`,
          }),
        )
        .execute();
      // What waits for the digest of a kind no longer wanted there stays in the app only: a
      // person who stops the digest gets no last one.
      const leaving = prefs.filter((p) => p.channel !== 'digest').map((p) => p.kind);
      if (leaving.length > 0)
        await db
          .updateTable('notifications')
          .set({ digested_at: sql`now()` })
          .where('person_id', '=', personId)
          .where('kind', 'in', leaving)
          .where('channel', '=', 'digest')
          .where('digested_at', 'is', null)
          .execute();
    },

    async mailKey(personId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('people')
        .select('mail_key')
        .where('id', '=', personId)
        .executeTakeFirst();
      return row?.mail_key;
    },

    async savedInterest(personId: string): Promise<SavedInterest> {
      const row = await db
        .selectFrom('saved_interests')
        .select(['territories', 'themes'])
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return {
        territories: row?.territories ?? [],
        themes: (row?.themes ?? []) as SavedInterest['themes'],
      };
    },

    async setSavedInterest(personId: string, interest: SavedInterest) {
      await db
        .insertInto('saved_interests')
        .values({
          person_id: personId,
          territories: interest.territories,
          themes: interest.themes,
        })
        .onConflict((oc) =>
          oc.column('person_id').doUpdateSet({
            territories: interest.territories,
            themes: interest.themes,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    /**
     * People whose saved interest takes in a tender in these territories with these priority
     * themes: a territory in common, and a theme in common unless they chose no theme.
     */
    async interestedIn(territories: string[], themes: string[]): Promise<Recipient[]> {
      if (territories.length === 0) return [];
      const rows = await db
        .selectFrom('saved_interests')
        .innerJoin('people', 'people.id', 'saved_interests.person_id')
        .select(recipientColumns)
        .where(sql<boolean>`saved_interests.territories && ${territories}::text[]`)
        .where(
          sql<boolean>`(cardinality(saved_interests.themes) = 0
            OR saved_interests.themes && ${themes}::text[])`,
        )
        .execute();
      return rows.map(asRecipient);
    },

    /** Open tenders past closing whose buyer has not been told; locked for this transaction. */
    async closedUnnotified(limit: number) {
      return db
        .selectFrom('tenders')
        .select(['id', 'title', 'buyer_id'])
        .where('status', '=', 'open')
        .where('closing_notified_at', 'is', null)
        .where('closes_at', '<=', sql<Date>`now()`)
        .orderBy('closes_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    async markClosingNotified(id: string) {
      await db
        .updateTable('tenders')
        .set({ closing_notified_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Open (not yet closed) tenders nobody has been told of yet, oldest first. */
    async unmatchedOpenTenders(limit: number) {
      return db
        .selectFrom('tenders')
        .select(['id', 'title', 'priority_themes'])
        .where('status', '=', 'open')
        .where('match_notified_at', 'is', null)
        .where('closes_at', '>', sql<Date>`now()`)
        .orderBy('published_at')
        .limit(limit)
        .execute();
    },

    /**
     * Locks the tender for telling of it; false when another run already has or did, or it is
     * no longer open (cancelled or closed while its matches were being ranked).
     */
    async claimMatchNotice(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('tenders')
        .select('id')
        .where('id', '=', id)
        .where('match_notified_at', 'is', null)
        .where('status', '=', 'open')
        .where('closes_at', '>', sql<Date>`now()`)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return false;
      await db
        .updateTable('tenders')
        .set({ match_notified_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      return true;
    },

    /**
     * Drops what still waits to announce a tender that is being cancelled: its matches held for
     * the digest, and their emails no relay has taken yet. Run in the cancelling transaction,
     * after the tender's row is updated: a match notice told meanwhile holds that row until it
     * commits, so what it wrote is seen here. Answers how many were dropped.
     */
    async withdrawTenderAnnouncements(tenderId: string): Promise<number> {
      const digests = await db
        .updateTable('notifications')
        .set({ digested_at: sql`now()` })
        .where('kind', '=', 'tender_match')
        .where('object_type', '=', 'tender')
        .where('object_id', '=', tenderId)
        .where('channel', '=', 'digest')
        .where('digested_at', 'is', null)
        .executeTakeFirst();
      // An email keeps no reference to its tender, only the link to it; the id is a UUID, so
      // the link names this tender and no other. A message a relay is sending right now is
      // left to it.
      const emails = await db
        .updateTable('outbox_emails')
        .set({
          failed_at: sql`now()`,
          last_error: 'Not sent: the tender was cancelled',
          scrub_after: sql`now() + interval '10 minutes'`,
        })
        .where('kind', '=', 'tender_match')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((eb) =>
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]),
        )
        .where('text_body', 'like', `%/tenders/${tenderId}%`)
        .executeTakeFirst();
      return Number(digests.numUpdatedRows) + Number(emails.numUpdatedRows);
    },

    async tenderTerritories(id: string): Promise<string[]> {
      const rows = await db
        .selectFrom('tender_territories')
        .select('territory_code')
        .where('tender_id', '=', id)
        .execute();
      return rows.map((r) => r.territory_code);
    },

    async organisationName(id: string): Promise<string> {
      const row = await db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.name ?? 'An organisation';
    },

    /** A line's activity and its provider, for telling of a link-up request or answer. */
    async lineSubject(lineId: string) {
      return db
        .selectFrom('spo_lines as l')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .select(['l.id', 'l.spo_id', 'a.id as activity_id', 'a.title', 'a.provider_id'])
        .where('l.id', '=', lineId)
        .executeTakeFirst();
    },

    /**
     * The providers whose activities the SPO's sealed version in force links (what an award
     * takes, not a draft edited since), with one activity's title each.
     */
    async providersOfSpo(spoId: string) {
      const { rows } = await sql<{ provider_id: string; title: string }>`
        SELECT a.provider_id, min(a.title) AS title
        FROM spos s
        JOIN spo_version_lines l ON l.spo_id = s.id AND l.version = s.submitted_version
        JOIN activities a ON a.id = l.activity_id
        WHERE s.id = ${spoId}
        GROUP BY a.provider_id`.execute(db);
      return rows;
    },

    /** Sealed (submitted) SPOs of a tender. */
    async sealedCount(tenderId: string): Promise<number> {
      const row = await db
        .selectFrom('spos')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tender_id', '=', tenderId)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /**
     * Takes the run of job `name` due at `dueAt`: true for exactly one caller per due time,
     * across processes. The caller's transaction holds it until it commits.
     */
    async claimRun(name: string, dueAt: Date): Promise<boolean> {
      const { rows } = await sql<{ name: string }>`
        INSERT INTO job_runs (name, last_run_at) VALUES (${name}, ${dueAt})
        ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at
          WHERE job_runs.last_run_at < excluded.last_run_at
        RETURNING name`.execute(db);
      return rows.length > 0;
    },

    /** Digest notifications not yet sent, made before `until`; locked for this transaction. */
    async undigested(until: Date) {
      return db
        .selectFrom('notifications')
        .selectAll()
        .where('channel', '=', 'digest')
        .where('digested_at', 'is', null)
        .where('created_at', '<=', until)
        .orderBy('person_id')
        .orderBy('id')
        .forUpdate()
        .skipLocked()
        .execute();
    },

    async markDigested(ids: string[]) {
      if (ids.length === 0) return;
      await db
        .updateTable('notifications')
        .set({ digested_at: sql`now()` })
        .where('id', 'in', ids)
        .execute();
    },
  };
}

export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
