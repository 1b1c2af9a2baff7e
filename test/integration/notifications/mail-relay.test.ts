import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { createMailRepo, hideOneTimeLinks } from '../../../server/src/features/mail/mail.repo';
import {
  backoffDelay,
  startMailRelay,
  type MailRelay,
} from '../../../server/src/features/mail/mail-relay';
import { renderEmail } from '../../../server/src/features/mail/templates';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { createTestDatabase } from '../../support/test-database';

/**
 * The email outbox and its relay against a real SMTP server: what is written is sent once,
 * a refusal is retried, and a relay that dies mid-way loses nothing and sends nothing twice.
 */

let database: DatabaseHandle;
let smtp: TestSmtpServer;
const relays: MailRelay[] = [];
let seq = 0;

const FROM = 'Impact Atlas <no-reply@impact-atlas.test>';

async function write(n: number): Promise<string[]> {
  const to = Array.from({ length: n }, () => `relay-${(seq += 1)}@example.test`);
  await database.db.transaction().execute((tx) =>
    createMailRepo(tx).enqueue(
      to.map((address, i) => ({
        to: address,
        personId: null,
        kind: 'test',
        ...renderEmail({
          subject: `Message ${i + 1} to ${address}`,
          paragraphs: ['A message & <its> escapes.'],
          action: { label: 'Open it', url: 'http://localhost:3000/notifications' },
        }),
        headers: { 'X-Test': 'yes' },
      })),
    ),
  );
  return to;
}

function relay(options: Partial<Parameters<typeof startMailRelay>[2]> = {}): MailRelay {
  const r = startMailRelay(database, new DomainEvents(), {
    smtpUrl: smtp.url,
    from: FROM,
    tickMs: 60_000,
    backoffMs: 50,
    maxBackoffMs: 200,
    ...options,
  });
  relays.push(r);
  return r;
}

const rowsTo = (addresses: string[]) =>
  database.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', 'in', addresses)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  smtp = await startSmtpServer();
  // Each test sends only its own messages.
  await database.db
    .updateTable('outbox_emails')
    .set({ failed_at: sql`now()` })
    .where('sent_at', 'is', null)
    .execute();
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await smtp.close();
});

describe('the mail relay', () => {
  it('sends each committed message once, with both parts, its headers and one Message-ID', async () => {
    const to = await write(3);
    await relay().drain();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([...to].sort());
    const first = smtp.to(to[0]!)[0]!;
    expect(first.subject).toBe(`Message 1 to ${to[0]}`);
    expect(first.text).toContain('A message & <its> escapes.');
    expect(first.html).toContain('A message &amp; &lt;its&gt; escapes.');
    expect(first.html).toContain('<html lang="en-GB">');
    expect(first.links).toContain('http://localhost:3000/notifications');
    expect(first.header('x-test')).toBe('yes');
    expect(first.from).toBe('no-reply@impact-atlas.test');
    const rows = await rowsTo(to);
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(first.mail.messageId).toBe(rows[0]!.message_id);
    // Drained again: nothing more goes out.
    await relay().drain();
    expect(smtp.received).toHaveLength(3);
  });

  it('retries a message the server refused, with backoff, and records the refusal', async () => {
    const [to] = await write(1);
    smtp.refuseNext(2);
    const r = relay();
    await r.drain();
    expect(smtp.received).toHaveLength(0);
    let [row] = await rowsTo([to!]);
    expect(row!.sent_at).toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toMatch(/451/);
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() - 5);
    // Not due yet: a drain at once sends nothing.
    await r.drain();
    expect(smtp.received).toHaveLength(0);
    for (let i = 0; i < 40 && smtp.received.length === 0; i += 1) {
      await new Promise((w) => setTimeout(w, 50));
      await r.drain();
    }
    expect(smtp.to(to!)).toHaveLength(1);
    [row] = await rowsTo([to!]);
    expect(row!.attempts).toBe(3);
    expect(row!.sent_at).not.toBeNull();
    expect(row!.last_error).toBeNull();
  });

  it('gives up after the last attempt, and says so', async () => {
    const [to] = await write(1);
    smtp.refuseNext(2);
    const r = relay({ maxAttempts: 2, backoffMs: 1, maxBackoffMs: 1 });
    await r.drain();
    await new Promise((w) => setTimeout(w, 20));
    await r.drain();
    const [row] = await rowsTo([to!]);
    expect(row!.failed_at).not.toBeNull();
    expect(row!.attempts).toBe(2);
    expect(smtp.received).toHaveLength(0);
  });

  it('delivers exactly once after a relay dies between claiming and sending', async () => {
    const [held, other] = await write(2);
    const crashing = relay({
      leaseMs: 400,
      beforeSend: () => {
        throw new Error('relay process killed');
      },
    });
    await crashing.drain();
    await crashing.stop();
    expect(smtp.received).toHaveLength(0);
    const [claimed, untouched] = await rowsTo([held!, other!]);
    expect(claimed).toMatchObject({ attempts: 1, sent_at: null });
    expect(claimed!.locked_until).not.toBeNull();
    expect(untouched).toMatchObject({ attempts: 0, locked_until: null });

    // Another relay sends what the dead one had not claimed, and leaves its claim alone…
    const survivor = relay({ leaseMs: 400 });
    await survivor.drain();
    expect(smtp.received.map((m) => m.to[0])).toEqual([other]);
    // …until its lease is over: then it sends that one too, once.
    await new Promise((w) => setTimeout(w, 450));
    await survivor.drain();
    await survivor.drain();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([held, other].sort());
    expect((await rowsTo([held!]))[0]).toMatchObject({ attempts: 2 });
  });

  it('keeps one-time links out of the outgoing-mail page, and out of the stored copy once sent', async () => {
    const to = `links-${(seq += 1)}@example.test`;
    const link =
      'http://localhost:3000/reset-password?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    await createMailRepo(database.db).enqueue([
      {
        to,
        personId: null,
        kind: 'password_reset',
        ...renderEmail({
          subject: 'Reset',
          paragraphs: ['Here.'],
          action: { label: 'Reset', url: link },
        }),
      },
    ]);
    expect(hideOneTimeLinks(`go to ${link} or /invitations/Zx_9-abc`)).toBe(
      'go to http://localhost:3000/reset-password?token=[hidden] or /invitations/[hidden]',
    );
    await relay().drain();
    // What was sent has the link; the recipient can follow it.
    expect(smtp.to(to)[0]!.links).toContain(link);
    let [row] = await rowsTo([to]);
    expect(row!.text_body).toContain(link);
    expect(row!.scrub_after).not.toBeNull();
    // Ten minutes on, the stored copy keeps the message but not the secret.
    await database.db
      .updateTable('outbox_emails')
      .set({ scrub_after: new Date(Date.now() - 1000) as never })
      .where('to_address', '=', to)
      .execute();
    expect(await createMailRepo(database.db).scrub()).toBeGreaterThanOrEqual(1);
    [row] = await rowsTo([to]);
    expect(row!.text_body).toContain('reset-password?token=[hidden]');
    expect(row!.html_body).toContain('reset-password?token=[hidden]');
    expect(row!.text_body).not.toContain('abcdefghij');
    expect(row!.scrub_after).toBeNull();
  });

  it('sends each message once when several relays drain at the same time', async () => {
    const to = await write(12);
    await Promise.all([relay().drain(), relay().drain(), relay().drain()]);
    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(12);
    expect((await rowsTo(to)).every((r) => r.attempts === 1)).toBe(true);
  });

  it('is woken by "mail.written" rather than waiting for its tick', async () => {
    const events = new DomainEvents();
    const r = startMailRelay(database, events, { smtpUrl: smtp.url, from: FROM, tickMs: 60_000 });
    relays.push(r);
    await r.drain();
    const [to] = await write(1);
    events.emit('mail.written');
    await smtp.waitFor(1, 5000);
    expect(smtp.received[0]!.to).toEqual([to]);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, within ±20 %', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(backoffDelay(2, 1000, 60_000, () => 0)).toBe(1600);
    expect(backoffDelay(2, 1000, 60_000, () => 1)).toBe(2400);
  });
});
