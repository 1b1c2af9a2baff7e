import { sql, type Kysely } from 'kysely';
import { parsePublishedEvent, type OutboxMessage, type PublishedEvent } from '@shared/events';
import type { Database } from '../../db/schema';

interface OutboxRow {
  id: string;
  topic: string;
  room: string;
  payload: unknown;
}

/** Stored rows as published events; a row no topic's schema accepts is logged and skipped. */
function published(rows: OutboxRow[]): PublishedEvent[] {
  return rows.flatMap((row) => {
    const event = parsePublishedEvent(row.topic, { ...row, eventId: Number(row.id) });
    if (!event) console.error(`Outbox event ${row.id} (${row.topic}) does not match its schema`);
    return event ? [event] : [];
  });
}

/** The outbox: events written with their change, claimed and published after commit. */
export function createOutboxRepo(db: Kysely<Database>) {
  return {
    /** Writes events inside the caller's transaction: they exist only if it commits. */
    async write(events: OutboxMessage[]) {
      if (events.length === 0) return;
      await db
        .insertInto('outbox_events')
        .values(events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) })))
        .execute();
    },

    /**
     * Claims up to `limit` unpublished events, oldest first, and marks them published in one
     * statement; rows another process holds are skipped, so each event goes out once.
     */
    async claim(limit = 200): Promise<PublishedEvent[]> {
      const { rows } = await sql<OutboxRow>`
        UPDATE outbox_events SET published_at = now()
        WHERE id IN (
          SELECT id FROM outbox_events WHERE published_at IS NULL
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, topic, room, payload`.execute(db);
      return published(rows.sort((a, b) => Number(a.id) - Number(b.id)));
    },

    /** Published events in these rooms after `since`, for a client catching up. */
    async since(since: number, rooms: string[], limit = 500): Promise<PublishedEvent[]> {
      if (rooms.length === 0) return [];
      const { rows } = await sql<OutboxRow>`
        SELECT id::text AS id, topic, room, payload FROM outbox_events
        WHERE id > ${since} AND published_at IS NOT NULL AND room = ANY(${rooms}::text[])
        ORDER BY id LIMIT ${limit}`.execute(db);
      return published(rows);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('outbox_events')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** The buyer of a tender, for authorising its room. */
    tenderBuyer(id: string) {
      return db.selectFrom('tenders').select('buyer_id').where('id', '=', id).executeTakeFirst();
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
