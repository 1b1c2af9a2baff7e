import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OutboxMessage, PublishedEvent, Room } from '@shared/events';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { createOutboxRepo } from '../../../server/src/features/outbox/outbox.repo';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { COVERAGE_COALESCE_MS, startRelay } from '../../../server/src/realtime/relay';
import { createTestDatabase } from '../../support/test-database';

let database: DatabaseHandle;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A relay that records what it publishes instead of sending it to sockets. */
function recordingRelay() {
  const sent: { room: string; topic: string; event: PublishedEvent }[] = [];
  const relay = startRelay(database, new DomainEvents(), (event) => {
    sent.push({ room: event.room, topic: event.topic, event });
  });
  return { sent, relay };
}

/** A made-up SPO id numbered `n`, in the form the event schema asks for. */
const spoOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TENDER = '00000000-0000-4000-8000-ffffffffffff';

const award = (room: Room, n: number): OutboxMessage => ({
  topic: 'spos.awarded',
  room,
  payload: { spoId: spoOf(n), tenderId: TENDER, territory: room.replace('territory:', '') },
});

describe('the outbox relay', () => {
  it('publishes events committed while no relay ran, as after a crash and a restart', async () => {
    await createOutboxRepo(database.db).write([
      award('territory:E23000001', 1),
      award('territory:E23000001', 2),
    ]);
    const { sent, relay } = recordingRelay();
    await relay.drain();
    relay.stop();
    expect(sent.map((s) => s.event.payload)).toEqual([
      expect.objectContaining({ spoId: spoOf(1) }),
      expect.objectContaining({ spoId: spoOf(2) }),
    ]);
    // Claimed once: a second relay finds nothing left.
    const again = recordingRelay();
    await again.relay.drain();
    again.relay.stop();
    expect(again.sent).toEqual([]);
  });

  it('leaves nothing behind for a transaction that rolls back', async () => {
    const outbox = createOutboxRepo(database.db);
    const before = await outbox.count();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await createOutboxRepo(tx).write([award('territory:E23000002', 3)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outbox.count()).toBe(before);
    const { sent, relay } = recordingRelay();
    await relay.drain();
    relay.stop();
    expect(sent).toEqual([]);
  });

  it('publishes each event once when two relays drain at the same time', async () => {
    await createOutboxRepo(database.db).write(
      Array.from({ length: 40 }, (_, n) => award('territory:E23000003', 100 + n)),
    );
    const a = recordingRelay();
    const b = recordingRelay();
    await Promise.all([a.relay.drain(), b.relay.drain()]);
    a.relay.stop();
    b.relay.stop();
    const ids = [...a.sent, ...b.sent].map((s) => s.event.eventId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it('sends a burst of coverage updates for one territory at most once a second, ending on the latest', async () => {
    const { sent, relay } = recordingRelay();
    const outbox = createOutboxRepo(database.db);
    const room = 'territory:E23000004';
    const burst = (): OutboxMessage => ({
      topic: 'coverage.updated',
      room,
      payload: { territory: 'E23000004' },
    });
    for (let n = 0; n < 5; n++) {
      await outbox.write([burst()]);
      await relay.drain();
    }
    await settle(COVERAGE_COALESCE_MS + 300);
    relay.stop();
    const times = sent.filter((s) => s.room === room);
    // The first at once, then only the last of the rest when the second is up.
    expect(times).toHaveLength(2);
    const written = await database.db
      .selectFrom('outbox_events')
      .select('id')
      .where('room', '=', room)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(times.at(-1)!.event.eventId).toBe(Number(written.id));
  });
});
