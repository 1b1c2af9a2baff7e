import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type {
  NotificationPage,
  NotificationView,
  PreferencesView,
} from '@shared/schemas/notifications';
import type { TenderView } from '@shared/schemas/tenders';
import { createServices } from '../../../server/src/composition';
import { startMailRelay, type MailRelay } from '../../../server/src/features/mail/mail-relay';
import {
  createNotificationJobs,
  digestDueAt,
  type NotificationJobs,
} from '../../../server/src/features/notifications/notification-jobs';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { buildOrganisation } from '../../../seed/factories';
import { join, signUp, type SignedIn } from '../../support/accounts';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  answer,
  award,
  close,
  draftSpo,
  draftTender,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

/**
 * Who is told of what: each kind reaches the people it concerns, live and by email as they
 * chose, and nobody whom the visibility rule keeps from the object.
 */

const PUBLIC_URL = 'https://atlas.example.org';
let t: TestApp;
let smtp: TestSmtpServer;
let mailRelay: MailRelay;
let jobs: NotificationJobs;
let events: DomainEvents;

let buyer: SignedIn;
let supplier: SignedIn;
let rivalSupplier: SignedIn;
let provider: SignedIn;
let providerColleague: SignedIn;
let otherProvider: SignedIn;
let follower: SignedIn;
let elsewhere: SignedIn;
let activity: ActivityView;
let tender: TenderView;

async function notificationsOf(who: SignedIn, query = ''): Promise<NotificationPage> {
  const res = await who.agent.get(`/api/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body as NotificationPage;
}

const about = async (who: SignedIn, objectId: string, kind: string) =>
  (await notificationsOf(who, '?pageSize=100')).items.filter(
    (n) => n.objectId === objectId && n.kind === kind,
  );

/** Delivers what is due now and answers the messages received to `email` with `subject`. */
async function mailTo(email: string, subject: RegExp) {
  await mailRelay.drain();
  return smtp.to(email).filter((m) => subject.test(m.subject));
}

/** As following the emailed link would (tested in the account emails tests). */
async function verified(who: SignedIn) {
  await t.database.db
    .updateTable('people')
    .set({ email_verified_at: new Date() })
    .where('id', '=', who.me.person.id)
    .where('email_verified_at', 'is', null)
    .execute();
}

beforeAll(async () => {
  events = new DomainEvents();
  t = await createTestApp({ events, publicUrl: PUBLIC_URL });
  smtp = await startSmtpServer();
  mailRelay = startMailRelay(t.database, events, {
    smtpUrl: smtp.url,
    from: 'Impact Atlas <no-reply@impact-atlas.test>',
    tickMs: 60_000,
  });
  const services = createServices(
    t.database,
    {
      ...TEST_CONFIG,
      mail: { publicUrl: PUBLIC_URL, smtpUrl: smtp.url, from: 'x <x@x.test>', digestHourUtc: 7 },
    },
    events,
  );
  jobs = createNotificationJobs(
    services.deps,
    services.notifier,
    services.matching,
    undefined,
    // Every match is worth telling here: the scores themselves are the matching tests' business.
    { digestHourUtc: 7, matchLimit: 25, matchMinScore: 0 },
  );
  [buyer, supplier, rivalSupplier, provider, otherProvider] = await Promise.all([
    signUp(t.app, { organisation: buildOrganisation('buyer') }),
    signUp(t.app, { organisation: buildOrganisation('supplier') }),
    signUp(t.app, { organisation: buildOrganisation('supplier') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
  ]);
  [providerColleague, follower, elsewhere] = await Promise.all([
    signUp(t.app, { organisation: null }),
    signUp(t.app, { organisation: null }),
    signUp(t.app, { organisation: null }),
  ]);
  for (const who of [buyer, supplier, rivalSupplier, provider, otherProvider, providerColleague])
    await verified(who);
  await join(provider.agent, provider.me.organisations[0]!.id, providerColleague);
  activity = await activityOf(provider);
  await activityOf(otherProvider);
  tender = await publishedTender(buyer);
});

afterAll(async () => {
  await mailRelay.stop();
  await smtp.close();
  await t.close();
});

describe('a link-up request', () => {
  let spoId: string;
  let lineId: string;

  beforeAll(async () => {
    const spo = await draftSpo(supplier, tender);
    spoId = spo.id;
    lineId = (await addCash(supplier, spo.id, activity, 250_000)).lines.at(-1)!.id;
  });

  it("tells the activity's provider's members, in the app and by email", async () => {
    for (const who of [provider, providerColleague]) {
      const [n] = await about(who, lineId, 'link_request');
      expect(n).toMatchObject({ link: '/link-requests', readAt: null, objectType: 'spo_line' });
      expect(n!.title).toContain(activity.title);
    }
    const [mail] = await mailTo(provider.email, new RegExp(`link .${activity.title}`));
    expect(mail!.to).toEqual([provider.email]);
    expect(mail!.links).toContain(`${PUBLIC_URL}/link-requests`);
    expect(mail!.html).toContain(`href="${PUBLIC_URL}/link-requests"`);
    expect(mail!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail!.header('list-unsubscribe')).toMatch(
      new RegExp(`^<${PUBLIC_URL}/api/notifications/unsubscribe\\?p=`),
    );
  });

  it('tells nobody else: not the supplier, another provider, the buyer, or a stranger', async () => {
    for (const who of [supplier, otherProvider, buyer, follower]) {
      expect(await about(who, lineId, 'link_request')).toEqual([]);
    }
    await mailRelay.drain();
    for (const who of [supplier, otherProvider, buyer, follower]) {
      expect(smtp.to(who.email).filter((m) => m.subject.includes('asks to link'))).toEqual([]);
    }
  });

  it('tells the supplier of the answer, and not the provider who gave it', async () => {
    await answer(provider, spoId, lineId, 'accepted');
    const [n] = await about(supplier, spoId, 'link_answer');
    expect(n!.title).toMatch(/accepted your request/);
    expect(n!.link).toBe(`/spos/${spoId}`);
    expect(await about(provider, spoId, 'link_answer')).toEqual([]);
    expect(await about(rivalSupplier, spoId, 'link_answer')).toEqual([]);
    const [mail] = await mailTo(supplier.email, /accepted your request/);
    expect(mail!.links).toContain(`${PUBLIC_URL}/spos/${spoId}`);
  });
});

describe('one-click unsubscribe', () => {
  it('stops one kind of email with the signed link, and refuses an altered one', async () => {
    const [mail] = await mailTo(provider.email, /asks to link/);
    const url = new URL(mail!.header('list-unsubscribe')!.slice(1, -1));
    const forged = new URL(url);
    forged.searchParams.set('k', 'award');
    const refused = await request(t.app).post(`${forged.pathname}${forged.search}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('unsubscribe_link_invalid');

    // As a mail client sends it: no cookie, the RFC 8058 body.
    const done = await request(t.app)
      .post(`${url.pathname}${url.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ kind: 'link_request', channel: 'app' });
    const prefs = (await provider.agent.get('/api/notifications/preferences'))
      .body as PreferencesView;
    expect(prefs.preferences.find((p) => p.kind === 'link_request')!.channel).toBe('app');
    expect(prefs.preferences.find((p) => p.kind === 'award')!.channel).toBe('email');

    // The next request is in the app, not in the provider's mail; the colleague still gets both.
    const before = smtp.to(provider.email).length;
    const spo = await draftSpo(rivalSupplier, tender);
    const line = (await addCash(rivalSupplier, spo.id, activity, 100_000)).lines.at(-1)!;
    expect(await about(provider, line.id, 'link_request')).toHaveLength(1);
    await mailRelay.drain();
    expect(smtp.to(provider.email)).toHaveLength(before);
    expect(smtp.to(providerColleague.email).some((m) => m.subject.includes('asks to link'))).toBe(
      true,
    );
  });
});

describe('a tender closing, and its award', () => {
  let closing: TenderView;
  let winner: string;
  let loser: string;

  beforeAll(async () => {
    closing = await publishedTender(buyer);
    const own = await activityOf(provider);
    winner = (await submittedSpo(supplier, provider, closing, own, 300_000)).id;
    loser = (await submittedSpo(rivalSupplier, provider, closing, own, 200_000)).id;
  });

  it('tells the buyer nothing while the tender is open: the bids are sealed', async () => {
    await jobs.closings();
    expect(await about(buyer, closing.id, 'spos_received')).toEqual([]);
  });

  it('tells the buyer, once, when it closes, with how many SPOs there are to read', async () => {
    await close(t, closing.id);
    await jobs.closings();
    await jobs.closings();
    const told = await about(buyer, closing.id, 'spos_received');
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('2 sealed SPOs');
    for (const who of [supplier, rivalSupplier, provider])
      expect(await about(who, closing.id, 'spos_received')).toEqual([]);
    const mails = await mailTo(buyer.email, /has closed/);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.links).toContain(`${PUBLIC_URL}/tenders/${closing.id}`);
  });

  it('tells the winner and the providers its SPO links, and not the loser', async () => {
    await award(buyer, closing, winner);
    const [won] = await about(supplier, winner, 'award');
    expect(won!.title).toContain(closing.title);
    expect(await about(provider, winner, 'award')).toHaveLength(1);
    expect(await about(providerColleague, winner, 'award')).toHaveLength(1);
    expect(await about(rivalSupplier, winner, 'award')).toEqual([]);
    expect(await about(rivalSupplier, loser, 'award')).toEqual([]);
    expect(await about(otherProvider, winner, 'award')).toEqual([]);
    expect(await mailTo(supplier.email, /Your SPO won/)).toHaveLength(1);
  });
});

describe('a new open tender', () => {
  it('is told of only once published, to matching providers and to saved interests', async () => {
    const territory = activity.territory.code;
    const other = territory === 'E23000001' ? 'E23000029' : 'E23000001';
    await follower.agent
      .put('/api/me/interest')
      .send({ territories: [territory], themes: [] })
      .expect(200);
    await elsewhere.agent
      .put('/api/me/interest')
      .send({ territories: [other], themes: [] })
      .expect(200);
    await jobs.matches();

    const draft = await draftTender(buyer, { territories: [territory] });
    await jobs.matches();
    for (const who of [provider, follower])
      expect(await about(who, draft.id, 'tender_match')).toEqual([]);

    await buyer.agent
      .post(`/api/tenders/${draft.id}/transition`)
      .send({ status: 'open' })
      .expect(200);
    await jobs.matches();
    await jobs.matches();
    const [match] = await about(provider, draft.id, 'tender_match');
    expect(match!.title).toContain(draft.title);
    expect(match!.link).toBe(`/tenders/${draft.id}`);
    expect(await about(follower, draft.id, 'tender_match')).toHaveLength(1);
    expect(await about(elsewhere, draft.id, 'tender_match')).toEqual([]);
  });
});

describe('a tender cancelled before its matches are told', () => {
  it('is told to nobody', async () => {
    const territory = activity.territory.code;
    const gone = await publishedTender(buyer, { territories: [territory] });
    await buyer.agent
      .post(`/api/tenders/${gone.id}/transition`)
      .send({ status: 'cancelled', reason: 'Budget withdrawn' })
      .expect(200);
    await jobs.matches();
    for (const who of [provider, follower])
      expect(await about(who, gone.id, 'tender_match')).toEqual([]);
  });
});

describe('the daily digest', () => {
  it('groups what each person chose to hear of daily into one email, once a day', async () => {
    // tender_match is a digest kind by default. Two more tenders for the follower.
    const territory = activity.territory.code;
    for (let i = 0; i < 2; i += 1) await publishedTender(buyer, { territories: [territory] });
    await jobs.matches();
    await verified(follower);
    const pending = (await notificationsOf(follower, '?pageSize=100')).items.filter(
      (n) => n.kind === 'tender_match',
    );
    expect(pending.length).toBeGreaterThanOrEqual(3);

    const now = new Date(Date.now() + 24 * 3_600_000);
    now.setUTCHours(8, 0, 0, 0);
    expect(await jobs.digest(now)).toBeGreaterThanOrEqual(1);
    expect(await jobs.digest(now)).toBe(0);
    const digests = await mailTo(follower.email, /daily digest/);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toContain(`${pending.length} updates`);
    for (const n of pending) expect(digests[0]!.links).toContain(`${PUBLIC_URL}${n.link}`);
    // The digest's own kinds were never emailed one by one.
    expect(smtp.to(follower.email).filter((m) => !/Confirm your email/.test(m.subject))).toEqual(
      digests,
    );
    // Its one-click link stops the digest: its kinds are in the app only from now on.
    const stop = new URL(digests[0]!.header('list-unsubscribe')!.slice(1, -1));
    expect(stop.searchParams.get('k')).toBe('digest');
    await request(t.app).post(`${stop.pathname}${stop.search}`).expect(200);
    const prefs = (await follower.agent.get('/api/notifications/preferences'))
      .body as PreferencesView;
    expect(prefs.preferences.find((p) => p.kind === 'tender_match')!.channel).toBe('app');
    expect(prefs.preferences.find((p) => p.kind === 'award')!.channel).toBe('email');
    expect(digestDueAt(now, 7).toISOString()).toBe(
      new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7),
      ).toISOString(),
    );
  });
});

describe('leaving the digest', () => {
  it('sends no last digest of what was waiting for it', async () => {
    const leaver = await signUp(t.app, { organisation: null });
    await leaver.agent
      .put('/api/me/interest')
      .send({ territories: [activity.territory.code], themes: [] })
      .expect(200);
    await publishedTender(buyer, { territories: [activity.territory.code] });
    await jobs.matches();
    const waiting = (await notificationsOf(leaver)).items.filter((n) => n.kind === 'tender_match');
    expect(waiting).toHaveLength(1);
    await leaver.agent
      .put('/api/notifications/preferences')
      .send({ preferences: [{ kind: 'tender_match', channel: 'app' }] })
      .expect(200);
    const now = new Date(Date.now() + 3 * 24 * 3_600_000);
    now.setUTCHours(8, 0, 0, 0);
    await jobs.digest(now);
    expect(await mailTo(leaver.email, /daily digest/)).toEqual([]);
    // Still in the app.
    expect((await notificationsOf(leaver)).items.map((n) => n.id)).toContain(waiting[0]!.id);
  });
});

describe('a person’s list', () => {
  it('pages newest first, counts unread, marks read and unread, and all read', async () => {
    const first = await notificationsOf(providerColleague, '?pageSize=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.unread).toBe(first.total);
    const second = await notificationsOf(providerColleague, '?pageSize=1&page=2');
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[0]!.id));

    const id = first.items[0]!.id;
    const read = await providerColleague.agent
      .patch(`/api/notifications/${id}`)
      .send({ read: true });
    expect((read.body as NotificationView).readAt).not.toBeNull();
    expect((await providerColleague.agent.get('/api/notifications/unread')).body).toEqual({
      unread: first.total - 1,
    });
    expect((await notificationsOf(providerColleague, '?unread=true')).total).toBe(first.total - 1);
    await providerColleague.agent
      .patch(`/api/notifications/${id}`)
      .send({ read: false })
      .expect(200);
    await providerColleague.agent.post('/api/notifications/read-all').expect(200);
    expect((await notificationsOf(providerColleague)).unread).toBe(0);
  });

  it("refuses someone else's notification as if it did not exist", async () => {
    const theirs = (await notificationsOf(provider)).items[0]!;
    const res = await supplier.agent.patch(`/api/notifications/${theirs.id}`).send({ read: true });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('notification_not_found');
    expect((await notificationsOf(provider)).items[0]!.readAt).toBeNull();
    expect((await request(t.app).get('/api/notifications')).status).toBe(401);
  });

  it('refuses a bad preference with one clear error, and changes nothing', async () => {
    const res = await supplier.agent
      .put('/api/notifications/preferences')
      .send({ preferences: [{ kind: 'award', channel: 'pigeon' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const prefs = (await supplier.agent.get('/api/notifications/preferences'))
      .body as PreferencesView;
    expect(prefs.preferences.find((p) => p.kind === 'award')!.channel).toBe('email');
    expect(prefs.emailVerified).toBe(true);
  });
});

describe('the outgoing mail page', () => {
  it('shows administrators every message with its status, and nobody else', async () => {
    expect((await buyer.agent.get('/api/admin/outgoing-mail')).status).toBe(403);
    await t.database.db
      .updateTable('people')
      .set({ is_admin: true })
      .where('id', '=', elsewhere.me.person.id)
      .execute();
    const res = await elsewhere.agent.get(
      `/api/admin/outgoing-mail?to=${encodeURIComponent(supplier.email)}&status=sent`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    expect(
      res.body.items.every(
        (m: { to: string; status: string }) => m.to === supplier.email && m.status === 'sent',
      ),
    ).toBe(true);
    expect(res.body.transportConfigured).toBe(false);
  });
});
