import type { ServiceDeps } from '../../composition';
import type { DomainEvents } from '../../lib/domain-events';
import type { MatchingService } from '../matching/matching.service';
import type { Notifier } from './notifications.service';

export interface JobSettings {
  /** Hour of the day (UTC) at which the daily digest goes out. */
  digestHourUtc: number;
  /** How many of a new tender's best matches are told (their providers' members). */
  matchLimit: number;
  /** The least match score (0–100) worth telling a provider about. */
  matchMinScore: number;
}

export const JOB_DEFAULTS: JobSettings = { digestHourUtc: 7, matchLimit: 25, matchMinScore: 50 };

/** The latest digest time at or before `now`. */
export function digestDueAt(now: Date, hourUtc: number): Date {
  const due = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc),
  );
  if (due > now) due.setUTCDate(due.getUTCDate() - 1);
  return due;
}

const ANONYMOUS = { kind: 'anonymous' } as const;

/**
 * What time brings, told once: a tender's closing (to its buyer, with how many sealed SPOs
 * it can now read), a newly open tender (to the providers of its best-matching activities and
 * to people whose saved interest takes it in), and each day's digest. Each job marks what it
 * did in the same transaction as the notifications, so a second run, process or crash tells
 * nobody twice and misses nobody.
 */
export function createNotificationJobs(
  { repos, uow }: ServiceDeps,
  notifier: Notifier,
  matching: Pick<MatchingService, 'matches' | 'tidy'>,
  events: DomainEvents | undefined,
  settings: JobSettings = JOB_DEFAULTS,
) {
  const announce = () => {
    events?.emit('outbox.written');
    events?.emit('mail.written');
  };

  async function closings(): Promise<number> {
    let told = 0;
    for (;;) {
      const done = await uow(async (tx) => {
        const [tender] = await tx.notifications.closedUnnotified(1);
        if (!tender) return false;
        const sealed = await tx.notifications.sealedCount(tender.id);
        told += await notifier.notify(tx, {
          kind: 'spos_received',
          organisations: [tender.buyer_id],
          title: `“${tender.title}” has closed: ${sealed} sealed ${sealed === 1 ? 'SPO' : 'SPOs'} to read`,
          body:
            sealed === 0
              ? 'Your tender closed with no Social Purchase Orders submitted.'
              : `Your tender closed with ${sealed} Social Purchase ${sealed === 1 ? 'Order' : 'Orders'} submitted. You can now read and score them.`,
          link: `/tenders/${tender.id}`,
          objectType: 'tender',
          objectId: tender.id,
          dedupeKey: `spos_received:${tender.id}`,
          actionLabel: 'Read the SPOs',
        });
        await tx.notifications.markClosingNotified(tender.id);
        return true;
      });
      if (!done) break;
    }
    if (told > 0) announce();
    return told;
  }

  async function matches(): Promise<number> {
    let told = 0;
    const tenders = await repos.notifications.unmatchedOpenTenders(20);
    for (const tender of tenders) {
      // Read outside the transaction (the ranking is a long read); told inside it.
      const page = await matching.matches(ANONYMOUS, tender.id, {
        page: 1,
        pageSize: settings.matchLimit,
        withRoom: true,
        minScore: settings.matchMinScore,
      });
      const territories = await repos.notifications.tenderTerritories(tender.id);
      const interested = await repos.notifications.interestedIn(
        territories,
        tender.priority_themes,
      );
      await uow(async (tx) => {
        if (!(await tx.notifications.claimMatchNotice(tender.id))) return;
        // One notification per provider, naming its best-matching activity.
        const best = new Map<string, (typeof page.items)[number]>();
        for (const m of page.items)
          if (!best.has(m.activity.provider.id)) best.set(m.activity.provider.id, m);
        for (const [providerId, m] of best) {
          told += await notifier.notify(tx, {
            kind: 'tender_match',
            organisations: [providerId],
            title: `New tender matches “${m.activity.title}”: ${tender.title}`,
            body: `“${tender.title}” is open for bids and your activity “${m.activity.title}” scores ${Math.round(m.score)} out of 100 against its priorities. Suppliers bidding for it may ask to link up with you.`,
            link: `/tenders/${tender.id}`,
            objectType: 'tender',
            objectId: tender.id,
            dedupeKey: `tender_match:${tender.id}`,
            actionLabel: 'Open the tender',
          });
        }
        told += await notifier.notify(tx, {
          kind: 'tender_match',
          people: interested.map((r) => r.id),
          title: `New tender in your saved interest: ${tender.title}`,
          body: `“${tender.title}” is open for bids in an area you follow.`,
          link: `/tenders/${tender.id}`,
          objectType: 'tender',
          objectId: tender.id,
          dedupeKey: `tender_match:${tender.id}`,
          actionLabel: 'Open the tender',
        });
      });
    }
    if (told > 0) announce();
    return told;
  }

  /** Sends the digest due at or before `now`, once: answers how many emails it wrote. */
  async function digest(now = new Date()): Promise<number> {
    const due = digestDueAt(now, settings.digestHourUtc);
    const written = await uow(async (tx) => {
      if (!(await tx.notifications.claimRun('digest', due))) return 0;
      const rows = await tx.notifications.undigested(now);
      const byPerson = new Map<string, typeof rows>();
      for (const row of rows)
        byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
      const people = await tx.notifications.people([...byPerson.keys()]);
      const emails = people
        .filter((p) => p.verified)
        .map((p) => notifier.digestEmail(p, byPerson.get(p.id)!));
      await tx.mail.enqueue(emails);
      await tx.notifications.markDigested(rows.map((r) => String(r.id)));
      return emails.length;
    });
    if (written > 0) announce();
    return written;
  }

  /** Keeps the log behind kept match scores short (matching.repo.ts, `tidyKeptScores`). */
  const tidy = () => matching.tidy();

  return { closings, matches, digest, tidy };
}

export type NotificationJobs = ReturnType<typeof createNotificationJobs>;

/** Runs the jobs on a tick (and matching at once when a tender is published). */
export function startNotificationJobs(
  jobs: NotificationJobs,
  events: DomainEvents,
  tickMs = 30_000,
): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await jobs.closings();
      await jobs.matches();
      await jobs.digest();
      await jobs.tidy();
    } catch (error) {
      console.error('Notification jobs failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const onPublished = () => void run();
  events.on('tenders.published', onPublished);
  const timer = setInterval(() => void run(), tickMs);
  timer.unref();
  void run();
  return {
    stop() {
      clearInterval(timer);
      events.off('tenders.published', onPublished);
    },
  };
}
