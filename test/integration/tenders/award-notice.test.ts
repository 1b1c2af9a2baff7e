import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type { NotificationPage } from '@shared/schemas/notifications';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  answer,
  award,
  close,
  pounds,
  publishedTender,
  submittedSpo,
} from './spo-fixtures';

/**
 * An award is made on the sealed version the buyer read, so what tells of it does too: the
 * supplier may go on editing its draft lines after submitting, and an award notice, email or
 * published award built from those draft lines would name providers and sums never bid.
 */

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let sealedProvider: SignedIn;
let draftProvider: SignedIn;
let sealedActivity: ActivityView;
let draftActivity: ActivityView;
let tender: TenderView;
let spo: SpoView;

async function awardNotices(who: SignedIn) {
  const res = await who.agent.get('/api/notifications?pageSize=100');
  expect(res.status).toBe(200);
  return (res.body as NotificationPage).items.filter(
    (n) => n.kind === 'award' && n.objectId === spo.id,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  [buyer, supplier, sealedProvider, draftProvider] = await Promise.all([
    signUp(t.app, { organisation: buildOrganisation('buyer') }),
    signUp(t.app, { organisation: buildOrganisation('supplier') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
  ]);
  await t.database.db
    .updateTable('people')
    .set({ email_verified_at: new Date() })
    .where(
      'id',
      'in',
      [supplier, sealedProvider, draftProvider].map((w) => w.me.person.id),
    )
    .execute();
  sealedActivity = await activityOf(sealedProvider);
  draftActivity = await activityOf(draftProvider);
  tender = await publishedTender(buyer);
  spo = await submittedSpo(supplier, sealedProvider, tender, sealedActivity, pounds(3_000));
  // After submitting, while the tender is still open, the supplier edits its draft: a new
  // line with another provider, who accepts it. It is never submitted.
  const edited = await addCash(supplier, spo.id, draftActivity, pounds(90_000));
  await answer(draftProvider, spo.id, edited.lines.at(-1)!.id);
  await close(t, tender.id);
  await award(buyer, tender, spo.id);
});

afterAll(() => t.close());

describe('the award of an SPO whose draft was edited after it was sealed', () => {
  it("tells the sealed version's providers, naming its activity", async () => {
    const [notice] = await awardNotices(sealedProvider);
    expect(notice!.title).toContain(tender.title);
    expect(notice!.body).toContain(sealedActivity.title);
    expect(notice!.body).not.toContain(draftActivity.title);
  });

  it('tells nobody of a provider only the unsubmitted draft links, in the app or by email', async () => {
    expect(await awardNotices(draftProvider)).toEqual([]);
    const emails = await t.database.db
      .selectFrom('outbox_emails')
      .select(['subject', 'text_body'])
      .where('kind', '=', 'award')
      .execute();
    expect(emails.some((e) => e.text_body.includes(sealedActivity.title))).toBe(true);
    for (const e of emails) {
      expect(e.text_body).not.toContain(draftActivity.title);
    }
    expect(
      (
        await t.database.db
          .selectFrom('outbox_emails')
          .select('id')
          .where('to_address', '=', draftProvider.email)
          .where('kind', '=', 'award')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('shows the public the awarded SPO with its sealed lines, and the supplier too', async () => {
    for (const agent of [request(t.app), supplier.agent]) {
      const res = await agent.get(`/api/spos/${spo.id}`);
      expect(res.status).toBe(200);
      const lines = (res.body as SpoView).lines;
      expect(lines.map((l) => l.activity.id)).toEqual([sealedActivity.id]);
      expect(lines.map((l) => l.annualPence)).toEqual([pounds(3_000)]);
    }
  });

  it('publishes the award with the sealed lines only', async () => {
    // Awards are paged oldest first: follow the pages to this tender's release.
    let release: { ocid: string } | undefined;
    for (let page = 1; !release; page++) {
      const res = await request(t.app).get(`/api/open-data/ocds/release-package.json?page=${page}`);
      expect(res.status).toBe(200);
      const releases = (res.body as { releases: { ocid: string }[] }).releases;
      release = releases.find((r) => r.ocid.endsWith(tender.id));
      if (!release) expect(res.headers.link).toBeDefined();
    }
    const text = JSON.stringify(release);
    expect(text).toContain(sealedActivity.title);
    expect(text).not.toContain(draftActivity.title);
  });
});
