import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { PledgePreview } from '@shared/schemas/pledge-import';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { makeAdmin, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  as,
  award,
  close,
  draftSpo,
  pounds,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const TABLE = [
  'Social value pledge for TVP-2027-014,,,',
  'TOMs ref,Measure,Units,Stated value (£)',
  'NT29,Volunteering hours,400,"£6,436.00"',
  'nt08,School visits,3,48',
  'NT29,Volunteering hours,100,"£2,000"',
  'NT999,Something else,5,100',
  'NT1,Local people employed,,',
  'Total,,,"£8,584.00"',
].join('\n');

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let otherSupplier: SignedIn;
let provider: SignedIn;
let admin: SignedIn;
let activity: ActivityView;
let tender: TenderView;
let spo: SpoView;

const preview = (who: SignedIn | null, spoId: string, csv: string) =>
  as(t, who).post(`/api/spos/${spoId}/pledge-import/preview`).send({ csv });

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  otherSupplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  admin = await signUp(t.app, { organisation: null });
  await makeAdmin(t.database, admin.me.person.id);
  activity = await activityOf(provider);
  tender = await publishedTender(buyer);
  // One line, so that the provider sees the SPO (its own line) and can be refused with 403.
  spo = await addCash(supplier, (await draftSpo(supplier, tender)).id, activity, pounds(500));
  // Five people and a tender: slow on a machine busy with other suites.
}, 180_000);
afterAll(() => t.close());

describe('POST /api/spos/:id/pledge-import/preview', () => {
  it('values each row at its TOMs proxy and flags stated values that disagree, saving nothing', async () => {
    const linesBefore = await t.database.db
      .selectFrom('spo_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await preview(supplier, spo.id, TABLE);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as PledgePreview;
    expect(body.header).toBe(true);
    expect(body.skipped.map((s) => s.row)).toEqual([1, 8]);
    expect(
      body.rows.map((r) => [
        r.row,
        r.code,
        r.quantity,
        r.proxyValueGbp,
        r.computedPence,
        r.statedPence,
        r.differencePence,
        r.mismatch,
        r.problems.map((p) => p.code),
      ]),
    ).toEqual([
      // Proxies as seeded from seed/data/national-toms/toms-measures.csv: NT29 and NT8 £16.09.
      [3, 'NT29', '400', '16.09', 643_600, 643_600, 0, false, []],
      // 3 × £16.09 is £48.27: stated as £48, rounded to the pound, within £1.
      [4, 'NT8', '3', '16.09', 4_827, 4_800, -27, false, []],
      [5, 'NT29', '100', '16.09', 160_900, 200_000, 39_100, true, []],
      [6, 'NT999', '5', null, null, 10_000, null, false, ['unknown_code']],
      [7, 'NT1', null, '30782', null, null, null, false, ['missing_quantity']],
    ]);
    expect(body.rows[0]).toMatchObject({
      framework: 'national-toms-starter',
      unit: 'no. staff volunteering hours',
    });
    expect(body.totals).toEqual({
      validRows: 3,
      problemRows: 2,
      mismatchRows: 1,
      computedPence: 643_600 + 4_827 + 160_900,
      statedPence: 643_600 + 4_800 + 200_000,
      differencePence: -27 + 39_100,
    });
    const linesAfter = await t.database.db
      .selectFrom('spo_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(linesAfter.n)).toBe(Number(linesBefore.n));
    const again = await supplier.agent.get(`/api/spos/${spo.id}`);
    expect((again.body as SpoView).lines).toHaveLength(1);
  });

  it('refuses anyone but the supplier’s members: 401 signed out, 404 to those who may not see the SPO, 403 to its provider', async () => {
    const statuses = {
      anonymous: (await preview(null, spo.id, TABLE)).status,
      otherSupplier: (await preview(otherSupplier, spo.id, TABLE)).status,
      buyer: (await preview(buyer, spo.id, TABLE)).status,
      provider: (await preview(provider, spo.id, TABLE)).status,
      admin: (await preview(admin, spo.id, TABLE)).status,
      noSuchSpo: (await preview(supplier, NO_SUCH_ID, TABLE)).status,
    };
    expect(statuses).toEqual({
      anonymous: 401,
      otherSupplier: 404,
      buyer: 404,
      provider: 403,
      admin: 404,
      noSuchSpo: 404,
    });
  });

  it('refuses before reading the body: a refused caller with a bad body is still refused', async () => {
    const res = await as(t, provider)
      .post(`/api/spos/${spo.id}/pledge-import/preview`)
      .send({ csv: 42 });
    expect(res.status).toBe(403);
  });

  it('previews a submitted SPO while its tender is open, which can still change', async () => {
    const openTender = await publishedTender(buyer);
    const submitted = await submittedSpo(supplier, provider, openTender, activity, pounds(500));
    expect((await preview(supplier, submitted.id, TABLE)).status).toBe(200);
  });

  it('refuses with 409 an SPO that can no longer change: withdrawn, submitted after closing, awarded', async () => {
    const withdrawnTender = await publishedTender(buyer);
    const withdrawn = await submittedSpo(supplier, provider, withdrawnTender, activity, 100);
    expect((await supplier.agent.post(`/api/spos/${withdrawn.id}/withdraw`)).status).toBe(200);

    const closedTender = await publishedTender(buyer);
    const closed = await submittedSpo(supplier, provider, closedTender, activity, 100);
    await close(t, closedTender.id);

    const awardedTender = await publishedTender(buyer);
    const awarded = await submittedSpo(supplier, provider, awardedTender, activity, 100);
    await close(t, awardedTender.id);
    await award(buyer, awardedTender, awarded.id);

    const codes: Record<string, [number, string]> = {};
    for (const [name, id] of [
      ['withdrawn', withdrawn.id],
      ['closed', closed.id],
      ['awarded', awarded.id],
    ] as const) {
      const res = await preview(supplier, id, TABLE);
      codes[name] = [res.status, res.body.error?.code];
    }
    expect(codes).toEqual({
      withdrawn: [409, 'spo_not_editable'],
      closed: [409, 'tender_closed'],
      awarded: [409, 'tender_closed'],
    });
    // Everyone else is still refused as before, not told the SPO's state.
    expect((await preview(otherSupplier, closed.id, TABLE)).status).toBe(404);
  });

  it.each([
    ['an empty table', '  \n', /empty/],
    ['a header without rows', 'code,quantity,value\n', /no rows/],
    ['text that is not CSV', 'code,quantity\n"NT29,5\n', /not a CSV table/],
    [
      'more than 500 rows',
      `code,quantity\n${Array.from({ length: 501 }, () => 'NT29,1').join('\n')}`,
      /501 rows; at most 500/,
    ],
  ])('refuses %s with a 400 that says why', async (_name, csv, message) => {
    const res = await preview(supplier, spo.id, csv);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details[0].path).toBe('csv');
  });

  it('takes a table larger than other requests may be, up to 200 kB, and refuses more', async () => {
    // 400 rows of about 400 bytes each: about 160 kB, above the API's usual 100 kB.
    const note = 'x'.repeat(380);
    const large = `code,quantity,value,note\n${Array.from({ length: 400 }, () => `NT29,1,16.09,${note}`).join('\n')}`;
    expect(large.length).toBeGreaterThan(150_000);
    const res = await preview(supplier, spo.id, large);
    expect(res.status).toBe(200);
    expect((res.body as PledgePreview).totals).toMatchObject({ validRows: 400, mismatchRows: 0 });

    const tooLarge = `${large}\n${'NT29,1,16.09,'.padEnd(60_000, 'x')}`;
    const refused = await preview(supplier, spo.id, tooLarge);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/200 kB/);

    // Far beyond: the body parser refuses it before anything reads it.
    const huge = await preview(supplier, spo.id, 'x'.repeat(500_000));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('leaves the other routes’ body limit as it was', async () => {
    const res = await supplier.agent.post(`/api/spos/${spo.id}/lines`).send({
      activityId: activity.id,
      kind: 'cash',
      annualPence: 100,
      padding: 'x'.repeat(150_000),
    });
    expect(res.status).toBe(413);
  });
});
