import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { OutgoingMailQuery } from '@shared/schemas/notifications';
import type { Database, OutboxEmailsTable } from '../../db/schema';

/** A message to write to the outbox: addressed, rendered, with its extra headers. */
export interface OutgoingEmail {
  to: string;
  personId: string | null;
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export type EmailRow = Selectable<OutboxEmailsTable>;

/**
 * One-time links in account emails (`?token=…`, `/invitations/…`): only their hashes are kept
 * anywhere else, so the outgoing-mail page never shows them, and a stored copy loses them a
 * few minutes after it is sent or given up on (`scrub`). Not even an administrator can follow
 * another's link.
 */
const ONE_TIME_LINKS: [RegExp, string, string][] = [
  [/(token=)[A-Za-z0-9_-]+/g, '(token=)[A-Za-z0-9_-]+', '\\1[hidden]'],
  [/(\/invitations\/)[A-Za-z0-9_-]+/g, '(/invitations/)[A-Za-z0-9_-]+', '\\1[hidden]'],
];

/** The text with its one-time links' secrets replaced by `[hidden]`. */
export function hideOneTimeLinks(text: string): string {
  return ONE_TIME_LINKS.reduce((t, [re]) => t.replace(re, '$1[hidden]'), text);
}

/** The same in SQL, for a stored body column. */
const scrubbed = (column: 'text_body' | 'html_body') =>
  ONE_TIME_LINKS.reduce(
    (expr, [, pattern, replacement]) =>
      sql`regexp_replace(${expr}, ${pattern}, ${replacement}, 'g')`,
    sql`${sql.ref(column)}`,
  );

/** Where Message-IDs are made: the same on every attempt at one message. */
const MESSAGE_ID_DOMAIN = 'impact-atlas.mail';

/** The email outbox: written with the change it tells of, claimed by relays, kept as a record. */
export function createMailRepo(db: Kysely<Database>) {
  return {
    /** Writes messages inside the caller's transaction: they exist only if it commits. */
    async enqueue(messages: OutgoingEmail[]): Promise<void> {
      if (messages.length === 0) return;
      await db
        .insertInto('outbox_emails')
        .values(
          messages.map((m) => ({
            message_id: `<${randomUUID()}@${MESSAGE_ID_DOMAIN}>`,
            person_id: m.personId,
            to_address: m.to,
            kind: m.kind,
            subject: m.subject,
            text_body: m.text,
            html_body: m.html,
            headers: JSON.stringify(m.headers ?? {}),
          })),
        )
        .execute();
    },

    /**
     * Claims up to `limit` messages that are due, oldest first, for `leaseMs`: rows another
     * relay holds are skipped, and a row whose relay died is due again once its lease is over.
     * Each claim counts as an attempt.
     */
    async claim(limit: number, leaseMs: number): Promise<EmailRow[]> {
      const { rows } = await sql<EmailRow>`
        UPDATE outbox_emails
        SET locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
            attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox_emails
          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING *`.execute(db);
      return rows.sort((a, b) => Number(a.id) - Number(b.id));
    },

    /** Marks a message sent, if this relay still holds it. */
    async markSent(id: string): Promise<void> {
      await db
        .updateTable('outbox_emails')
        .set({
          sent_at: sql`now()`,
          locked_until: null,
          last_error: null,
          scrub_after: sql`now() + interval '10 minutes'`,
        })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .execute();
    },

    /** Records a failed attempt: due again at `retryAt`, or given up on when it is null. */
    async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
      await db
        .updateTable('outbox_emails')
        .set({
          locked_until: null,
          last_error: error.slice(0, 1000),
          ...(retryAt
            ? { next_attempt_at: retryAt }
            : { failed_at: sql`now()`, scrub_after: sql`now() + interval '10 minutes'` }),
        })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .execute();
    },

    /** Takes the one-time links out of the stored copies of messages done with; answers how many. */
    async scrub(): Promise<number> {
      const result = await db
        .updateTable('outbox_emails')
        .set({
          text_body: scrubbed('text_body'),
          html_body: scrubbed('html_body'),
          scrub_after: null,
        })
        .where('scrub_after', '<=', sql<Date>`now()`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Messages newest first, for the administrators' outgoing-mail page. */
    async list(q: OutgoingMailQuery): Promise<{ rows: EmailRow[]; total: number }> {
      let query = db.selectFrom('outbox_emails');
      if (q.to) query = query.where('to_address', '=', q.to);
      if (q.status === 'sent') query = query.where('sent_at', 'is not', null);
      if (q.status === 'failed') query = query.where('failed_at', 'is not', null);
      if (q.status === 'pending' || q.status === 'retrying') {
        query = query
          .where('sent_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('attempts', q.status === 'pending' ? '=' : '>', 0);
      }
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
  };
}

export type MailRepo = ReturnType<typeof createMailRepo>;
