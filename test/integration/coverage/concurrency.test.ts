import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { ActivityView } from '@shared/schemas/activities';
import type { TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { figures, rebuilt } from '../../support/coverage-figures';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  answer,
  close,
  draftSpo,
  publishedTender,
} from '../tenders/spo-fixtures';

/**
 * Writes in one territory at once. Coverage is kept by adding to rows, never by deleting
 * and reinserting them, so simultaneous writers wait for each other's row rather than fail
 * on its key. The races are real on PostgreSQL (the CI runs this file there too); the
 * embedded database runs one transaction at a time, where the same requests simply queue.
 */

let t: TestApp;
let provider: SignedIn;
let suppliers: SignedIn[];
let buyer: SignedIn;
const TV = 'E23000029';

/** Points scattered over Oxford and Reading: some share a cell, most do not. */
const place = (n: number) => ({
  lon: (n % 2 === 0 ? -1.2577 : -0.9781) + ((n * 37) % 11) * 0.004,
  lat: (n % 2 === 0 ? 51.752 : 51.4543) + ((n * 17) % 7) * 0.003,
});

const listed = async () =>
  (
    await sql<{ n: number }>`SELECT activities_listed AS n FROM territory_coverage
      WHERE territory_code = ${TV}`.execute(t.database.db)
  ).rows[0]!.n;

const create = (n: number) =>
  provider.agent
    .post('/api/activities')
    .send({ providerId: orgOf(provider), ...buildActivity({ location: place(n) }) });

beforeAll(async () => {
  t = await createTestApp();
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  suppliers = await Promise.all(
    [0, 1, 2].map(() => signUp(t.app, { organisation: buildOrganisation('supplier') })),
  );
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
});
afterAll(() => t?.close());

describe('simultaneous writes in one territory', () => {
  it('lists 50 activities sent at once, every one, and counts each once', async () => {
    const before = await listed();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => create(n)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(await listed()).toBe(before + 50);
    expect(await figures(t.database.db)).toEqual(await rebuilt(t.database.db));
  });

  it('awards while activities in the territory are listed and edited, all succeeding', async () => {
    const named: ActivityView[] = [];
    for (let n = 0; n < 4; n += 1) named.push(await activityOf(provider, { location: place(n) }));
    // Three closed tenders, each with a submitted SPO naming two of the four activities.
    const ready: { tender: TenderView; spoId: string }[] = [];
    for (let k = 0; k < 3; k += 1) {
      const tender = await publishedTender(buyer);
      const spo = await draftSpo(suppliers[k]!, tender);
      for (const activity of [named[k]!, named[k + 1]!]) {
        const withLine = await addCash(suppliers[k]!, spo.id, activity, 100_000 * (k + 1));
        await answer(provider, spo.id, withLine.lines.at(-1)!.id);
      }
      expect((await suppliers[k]!.agent.post(`/api/spos/${spo.id}/submit`)).status).toBe(200);
      await close(t, tender.id);
      ready.push({ tender, spoId: spo.id });
    }
    const committedBefore = (
      await sql<{ pence: string }>`SELECT committed_pence::text AS pence FROM territory_coverage
        WHERE territory_code = ${TV}`.execute(t.database.db)
    ).rows[0]!.pence;

    const answers = await Promise.all([
      ...ready.map(({ tender, spoId }) =>
        buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId }),
      ),
      ...Array.from({ length: 15 }, (_, n) => create(100 + n)),
      ...named.flatMap((activity, n) => [
        provider.agent
          .patch(`/api/activities/${activity.id}`)
          .send({ needs: { fundingGapPence: 900_000 + n, volunteerHoursPerYear: 10, inKind: [] } }),
        provider.agent
          .patch(`/api/activities/${activity.id}`)
          .send({ themes: n % 2 ? ['safer'] : ['healthier', 'more_resilient'] }),
      ]),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3, 18)).toEqual(Array(15).fill(201));
    expect(statuses.slice(18)).toEqual(Array(8).fill(200));

    // Each award added its own lines: 2 × (£1,000 + £2,000 + £3,000) a year.
    const committedAfter = (
      await sql<{ pence: string }>`SELECT committed_pence::text AS pence FROM territory_coverage
        WHERE territory_code = ${TV}`.execute(t.database.db)
    ).rows[0]!.pence;
    expect(Number(committedAfter) - Number(committedBefore)).toBe(2 * 600_000);
    expect(await figures(t.database.db)).toEqual(await rebuilt(t.database.db));
  });
});

describe('genuine conflicts', () => {
  it('refuses an edit made from an out-of-date copy with 409 edit_conflict, changing nothing', async () => {
    const activity = await activityOf(provider);
    const first = await provider.agent
      .patch(`/api/activities/${activity.id}`)
      .send({ title: 'Renamed by one person', version: activity.version });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(activity.version + 1);

    const stale = await provider.agent
      .patch(`/api/activities/${activity.id}`)
      .send({ title: 'Renamed from an old copy', version: activity.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('edit_conflict');
    expect(stale.body.error.message).toMatch(/Reload/);
    const now = await provider.agent.get(`/api/activities/${activity.id}`);
    expect(now.body.title).toBe('Renamed by one person');
    expect(now.body.version).toBe(activity.version + 1);
  });

  it('lets one of two simultaneous edits from the same copy through, and refuses the other', async () => {
    const activity = await activityOf(provider);
    const answers = await Promise.all(
      ['One', 'Other'].map((title) =>
        provider.agent
          .patch(`/api/activities/${activity.id}`)
          .send({ title: `${title} title`, version: activity.version }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)!;
    const now = await provider.agent.get(`/api/activities/${activity.id}`);
    expect(now.body.title).toBe(won.body.title);
  });

  it('still refuses a second SPO for one supplier and tender sent at the same time', async () => {
    const tender = await publishedTender(buyer);
    const answers = await Promise.all(
      [0, 1].map(() =>
        suppliers[0]!.agent
          .post(`/api/tenders/${tender.id}/spos`)
          .send({ supplierId: orgOf(suppliers[0]!) }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('spo_exists');
  });
});
