import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { DatabaseHandle } from '../../db/client';
import type { DomainEvents } from '../../lib/domain-events';
import { drainLoop } from '../../lib/drain-loop';
import { createMailRepo, type EmailRow } from './mail.repo';

export interface MailRelaySettings {
  /** `smtp://user:pass@host:port` or `smtps://…`, as nodemailer reads it. */
  smtpUrl: string;
  /** The From header: `Impact Atlas <no-reply@example.org>`. */
  from: string;
  /** How often the relay looks for due messages besides being told of new ones. */
  tickMs?: number;
  /** How long a claimed message is this relay's; one whose relay died is retried after it. */
  leaseMs?: number;
  /** Attempts before a message is given up on (shown as failed on the outgoing-mail page). */
  maxAttempts?: number;
  /** The wait before the first retry; it doubles with each attempt, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** For fault tests: runs after a claim, before sending. Throwing there is a relay crash. */
  beforeSend?: (row: EmailRow) => Promise<void> | void;
}

export const MAIL_DEFAULTS = {
  tickMs: 5000,
  leaseMs: 120_000,
  maxAttempts: 8,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
};

/** The wait before attempt `attempts + 1`: doubling from `base`, capped, with ±20 % jitter. */
export function backoffDelay(attempts: number, base: number, cap: number, random = Math.random) {
  const exact = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(exact * (0.8 + 0.4 * random()));
}

export interface MailRelay {
  /** Sends every due message now; resolves when none is left (or the relay stopped). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends the email outbox through SMTP (nodemailer). A message is claimed with a lease, sent,
 * and marked sent; a refusal is retried with backoff, and a relay that dies mid-way leaves
 * its messages to be claimed again once their leases run out. Each keeps one Message-ID over
 * every attempt. Only a crash in the instant between the server's "250 OK" and the mark can
 * send one twice, and then with the same Message-ID.
 */
export function startMailRelay(
  database: DatabaseHandle,
  events: DomainEvents,
  settings: MailRelaySettings,
  // Each step of a send bounded well inside the lease (nodemailer waits minutes by default).
  transport: Transporter = nodemailer.createTransport(
    new SMTPTransport({
      url: settings.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }),
  ),
): MailRelay {
  const s = { ...MAIL_DEFAULTS, ...settings };
  const repo = createMailRepo(database.db);
  let stopped = false;

  async function sendOne(row: EmailRow): Promise<void> {
    await s.beforeSend?.(row);
    try {
      await transport.sendMail({
        from: s.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId: row.message_id,
        headers: row.headers,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt =
        row.attempts >= s.maxAttempts
          ? null
          : new Date(Date.now() + backoffDelay(row.attempts, s.backoffMs, s.maxBackoffMs));
      await repo.markFailed(row.id, message, retryAt);
      return;
    }
    await repo.markSent(row.id);
  }

  const { drain, settled } = drainLoop(
    async () => {
      // One at a time, so that no message waits out its lease behind others being sent.
      const batch = await repo.claim(1, s.leaseMs);
      for (const row of batch) {
        if (stopped) break;
        await sendOne(row);
      }
      return batch.length;
    },
    () => stopped,
    'Mail relay',
  );

  const tick = () => {
    void drain();
    void repo
      .scrub()
      .catch((error: unknown) =>
        console.error(
          'Scrubbing sent mail failed:',
          error instanceof Error ? error.message : error,
        ),
      );
  };
  const onWritten = () => void drain();
  events.on('mail.written', onWritten);
  const timer = setInterval(tick, s.tickMs);
  timer.unref();
  void drain();
  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      events.off('mail.written', onWritten);
      await settled();
      transport.close();
    },
  };
}
