import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { NotificationPage } from '@shared/schemas/notifications';
import type { TenderView } from '@shared/schemas/tenders';
import { createServices } from '../../../server/src/composition';
import type { MatchingService } from '../../../server/src/features/matching/matching.service';
import {
  createNotificationJobs,
  type NotificationJobs,
} from '../../../server/src/features/notifications/notification-jobs';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../support/test-app';
import { activityOf, publishedTender } from '../tenders/spo-fixtures';

/**
 * A cancelled tender is announced to nobody: not when it is cancelled while the match job
 * ranks its activities, and not by a digest or an email still waiting when it is cancelled.
 * The job and the cancellation truly interleave only on PostgreSQL (PGlite runs one
 * transaction at a time); the race test runs on both, and means most there.
 */

const PUBLIC_URL = 'https://atlas.example.org';
let t: TestApp;
let jobs: NotificationJobs;
/** Runs while the job ranks a tender's matches, after it chose the tender, before it tells. */
let duringRanking: ((tenderId: string) => Promise<void>) | undefined;

let buyer: SignedIn;
let provider: SignedIn;
let follower: SignedIn;
let activity: ActivityView;

async function cancel(tender: TenderView): Promise<number> {
  const res = await buyer.agent
    .post(`/api/tenders/${tender.id}/transition`)
    .send({ status: 'cancelled', reason: 'Budget withdrawn' });
  return res.status;
}

async function toldOf(who: SignedIn, tenderId: string) {
  const res = await who.agent.get('/api/notifications?pageSize=100');
  expect(res.status).toBe(200);
  return (res.body as NotificationPage).items.filter(
    (n) => n.objectId === tenderId && n.kind === 'tender_match',
  );
}

/** Emails naming the tender that a relay would still send. */
async function unsentEmailsAbout(tenderId: string) {
  return t.database.db
    .selectFrom('outbox_emails')
    .select(['id', 'kind', 'to_address'])
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('text_body', 'like', `%/tenders/${tenderId}%`)
    .execute();
}

/** Notifications of the tender waiting for a daily digest. */
async function waitingForDigest(tenderId: string) {
  return t.database.db
    .selectFrom('notifications')
    .select('id')
    .where('object_id', '=', tenderId)
    .where('channel', '=', 'digest')
    .where('digested_at', 'is', null)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL });
  const services = createServices(
    t.database,
    {
      ...TEST_CONFIG,
      mail: { publicUrl: PUBLIC_URL, smtpUrl: undefined, from: 'x <x@x.test>', digestHourUtc: 7 },
    },
    new DomainEvents(),
  );
  const ranking: Pick<MatchingService, 'matches' | 'tidy'> = {
    async matches(...args: Parameters<MatchingService['matches']>) {
      const page = await services.matching.matches(...args);
      await duringRanking?.(args[1]);
      return page;
    },
    tidy: () => services.matching.tidy(),
  };
  // Every match is worth telling here: the scores are the matching tests' business.
  jobs = createNotificationJobs(services.deps, services.notifier, ranking, undefined, {
    digestHourUtc: 7,
    matchLimit: 25,
    matchMinScore: 0,
  });
  [buyer, provider, follower] = await Promise.all([
    signUp(t.app, { organisation: buildOrganisation('buyer') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
    signUp(t.app, { organisation: null }),
  ]);
  await t.database.db
    .updateTable('people')
    .set({ email_verified_at: new Date() })
    .where('id', 'in', [provider.me.person.id, follower.me.person.id])
    .execute();
  activity = await activityOf(provider);
  // The provider hears of matches by email at once; the follower in the daily digest.
  await provider.agent
    .put('/api/notifications/preferences')
    .send({ preferences: [{ kind: 'tender_match', channel: 'email' }] })
    .expect(200);
  await follower.agent
    .put('/api/me/interest')
    .send({ territories: [activity.territory.code], themes: [] })
    .expect(200);
  // Tenders of the seed and of earlier tests are told of once, out of the way.
  await jobs.matches();
});

beforeEach(() => {
  duringRanking = undefined;
});

afterAll(() => t.close());

describe('a tender cancelled while its matches are ranked', () => {
  it('is told to nobody: the job re-checks the status when it locks the tender', async () => {
    const tender = await publishedTender(buyer, { territories: [activity.territory.code] });
    let ranked = false;
    duringRanking = async (id) => {
      if (id !== tender.id) return;
      ranked = true;
      expect(await cancel(tender)).toBe(200);
    };
    await jobs.matches();
    expect(ranked).toBe(true);
    expect(await toldOf(provider, tender.id)).toEqual([]);
    expect(await toldOf(follower, tender.id)).toEqual([]);
    expect(await unsentEmailsAbout(tender.id)).toEqual([]);
    // Nor is it told by a later run.
    await jobs.matches();
    expect(await toldOf(provider, tender.id)).toEqual([]);
  });
});

describe('a tender cancelled after its matches were told', () => {
  it('drops the emails not yet sent and the digest entries still waiting', async () => {
    const tender = await publishedTender(buyer, { territories: [activity.territory.code] });
    await jobs.matches();
    // Told, as any open tender is: the email waits for the relay, the follower's for the digest.
    expect(await toldOf(provider, tender.id)).toHaveLength(1);
    expect(await toldOf(follower, tender.id)).toHaveLength(1);
    expect(await unsentEmailsAbout(tender.id)).toEqual([
      expect.objectContaining({ kind: 'tender_match', to_address: provider.email }),
    ]);
    expect(await waitingForDigest(tender.id)).toHaveLength(1);

    expect(await cancel(tender)).toBe(200);
    expect(await unsentEmailsAbout(tender.id)).toEqual([]);
    expect(await waitingForDigest(tender.id)).toEqual([]);
    const dropped = await t.database.db
      .selectFrom('outbox_emails')
      .select(['sent_at', 'failed_at', 'last_error'])
      .where('text_body', 'like', `%/tenders/${tender.id}%`)
      .execute();
    expect(dropped).toEqual([
      {
        sent_at: null,
        failed_at: expect.anything(),
        last_error: 'Not sent: the tender was cancelled',
      },
    ]);

    // The next digest does not name it.
    const now = new Date(Date.now() + 2 * 24 * 3_600_000);
    now.setUTCHours(8, 0, 0, 0);
    await jobs.digest(now);
    const digests = await t.database.db
      .selectFrom('outbox_emails')
      .select('text_body')
      .where('kind', '=', 'digest')
      .where('to_address', '=', follower.email)
      .execute();
    for (const d of digests) expect(d.text_body).not.toContain(tender.id);
  });

  it('leaves what another open tender waits to tell', async () => {
    const kept = await publishedTender(buyer, { territories: [activity.territory.code] });
    const gone = await publishedTender(buyer, { territories: [activity.territory.code] });
    await jobs.matches();
    expect(await cancel(gone)).toBe(200);
    expect(await unsentEmailsAbout(kept.id)).toHaveLength(1);
    expect(await waitingForDigest(kept.id)).toHaveLength(1);
  });
});

describe('the match job and a cancellation at once', () => {
  it('never leaves a cancelled tender announced by a digest or an email still to send', async () => {
    for (let round = 0; round < 8; round++) {
      const tender = await publishedTender(buyer, { territories: [activity.territory.code] });
      const [, status] = await Promise.all([jobs.matches(), cancel(tender)]);
      expect(status).toBe(200);
      expect(await unsentEmailsAbout(tender.id)).toEqual([]);
      expect(await waitingForDigest(tender.id)).toEqual([]);
      // Nor does a later run tell of it.
      await jobs.matches();
      expect(await unsentEmailsAbout(tender.id)).toEqual([]);
      expect(await waitingForDigest(tender.id)).toEqual([]);
    }
  });
});
