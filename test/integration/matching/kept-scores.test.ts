import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { ActivityView } from '@shared/schemas/activities';
import type { TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { openDatabase } from '../../../server/src/db/client';
import {
  createMatchingRepo,
  type CandidateFilters,
  type MatchingRepo,
} from '../../../server/src/features/matching/matching.repo';
import { scoringParamsOf } from '../../../server/src/features/matching/matching.service';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { adminUrl } from '../../support/postgres-url';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  award,
  close,
  draftSpo,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

/**
 * A tender's kept scores (migration 0019) answer exactly what scoring every candidate now
 * answers, page by page and filter by filter, after every kind of write that moves a score:
 * an activity edited, paused, moved or deleted, its measures, an award (its own room, and the
 * "unsupported area" of every activity in its cell), the asker's own lines, the tender's
 * priorities, and need by district.
 */

let t: TestApp;
let repo: MatchingRepo;
let provider: SignedIn;
let buyer: SignedIn;
let supplier: SignedIn;
let tender: TenderView;
const activities: ActivityView[] = [];

const OXFORD = { lon: -1.2577, lat: 51.752 };
const READING = { lon: -0.9781, lat: 51.4543 };
const THEMES = ['safer', 'healthier', 'more_resilient'] as const;
const GROUPS = ['care_leavers', 'older_people', 'young_people_at_risk'] as const;

/** Every filter the matches page offers, each page of three, as the asker and anonymously. */
const QUERIES: (CandidateFilters & { withRoom: boolean; minScore?: number })[] = [
  { withRoom: true },
  { withRoom: false },
  { withRoom: false, theme: 'safer' },
  { withRoom: true, focusOnly: true },
  { withRoom: false, lad: 'E07000178' },
  { withRoom: false, minScore: 40 },
];

async function expectKeptToAgree(): Promise<number> {
  const ctx = (await repo.tenderContext(tender.id))!;
  const params = scoringParamsOf(ctx);
  let compared = 0;
  // What the tender's priorities can reach, by territory: nobody's own lines count.
  const reachOf = (rows: Awaited<ReturnType<typeof repo.reachLive>>) =>
    rows.map((r) => ({ ...r, room: Number(r.room) }));
  const live = reachOf(await repo.reachLive(ctx, params));
  expect(reachOf(await repo.reach(ctx, params))).toEqual(live);
  compared += live.reduce((n, r) => n + r.activities, 0);
  for (const suppliers of [[], [orgOf(supplier)]]) {
    // What the suggestion chooses from: room and funding gap both left, best first.
    for (const limit of [4, 50]) {
      const kept = await repo.withRoom(ctx, params, suppliers, limit);
      const live = await repo.withRoomLive(ctx, params, suppliers, limit);
      const pool = (rows: typeof kept) =>
        rows.map((r) => ({
          id: r.id,
          score: Number(r.score),
          room: Number(r.room),
          gap: Number(r.remaining_gap),
        }));
      expect({ suppliers, limit, pool: pool(kept) }).toEqual({
        suppliers,
        limit,
        pool: pool(live),
      });
      compared += live.length;
    }
    for (const q of QUERIES) {
      for (const offset of [0, 3, 6, 9, 12]) {
        const page = { limit: 3, offset };
        const kept = await repo.ranked(ctx, params, suppliers, q, page);
        const live = await repo.rankedLive(ctx, params, suppliers, q, page);
        const shown = (rows: typeof kept) =>
          rows.map((r) => ({
            id: r.id,
            score: Number(r.score),
            room: Number(r.room),
            here: Number(r.here_pence),
            total: Number(r.total),
          }));
        expect({ q, suppliers, offset, rows: shown(kept) }).toEqual({
          q,
          suppliers,
          offset,
          rows: shown(live),
        });
        compared += live.length;
      }
    }
  }
  return compared;
}

beforeAll(async () => {
  t = await createTestApp();
  repo = createMatchingRepo(t.database);
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  tender = await publishedTender(buyer, {
    annualValuePence: 100_000_000,
    baselinePencePerMillion: 1_000_000,
    midPencePerMillion: 1_500_000,
    higherAmbitionPencePerMillion: 2_000_000,
  });
  await t.database.db
    .updateTable('tenders')
    .set({ priority_themes: ['safer'], priority_groups: ['care_leavers'] } as never)
    .where('id', '=', tender.id)
    .execute();
  await t.database.db
    .insertInto('tender_focus_areas')
    .values({ tender_id: tender.id, kind: 'lad', code: 'E07000178' })
    .execute();
  // Fourteen generated activities (fixed seed): two towns, a few metres apart within each (so
  // that they share hexagonal cells), every mix of themes, groups, capacity and gap.
  const shapes = fc.sample(
    fc.record({
      reading: fc.boolean(),
      nudge: fc.integer({ min: 0, max: 50 }),
      themes: fc.subarray([...THEMES], { minLength: 1 }),
      groups: fc.subarray([...GROUPS]),
      gap: fc.constantFrom(0, 100_000, 300_000, 2_000_000),
      capacity: fc.constantFrom(0, 150_000, 1_000_000),
    }),
    { numRuns: 14, seed: 19 },
  );
  for (const [i, s] of shapes.entries()) {
    const at = s.reading ? READING : OXFORD;
    activities.push(
      await activityOf(provider, {
        title: `Generated activity ${i + 1}`,
        themes: s.themes,
        priorityGroups: s.groups,
        location: { lon: at.lon + s.nudge / 10_000, lat: at.lat },
        needs: { fundingGapPence: s.gap, volunteerHoursPerYear: 0, inKind: [] },
        capacityPence: s.capacity,
      }),
    );
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("a tender's kept scores", () => {
  it('are built on the first read and agree with scoring every candidate', async () => {
    expect(await expectKeptToAgree()).toBeGreaterThan(0);
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tender_match_scores
      WHERE tender_id = ${tender.id}`.execute(t.database.db);
    expect(kept.rows[0]!.n).toBe(activities.length);
  });

  it('follow edits, pauses, moves and deletions of activities, scored again only where logged', async () => {
    const [first, second, third, fourth] = activities;
    const built = await sql<{ seen: string }>`SELECT seen::text FROM tender_match_state
      WHERE tender_id = ${tender.id}`.execute(t.database.db);
    let res = await provider.agent
      .patch(`/api/activities/${first!.id}`)
      .send({ themes: ['safer'], priorityGroups: ['care_leavers'] });
    expect(res.status).toBe(200);
    res = await provider.agent.patch(`/api/activities/${second!.id}`).send({ status: 'paused' });
    expect(res.status).toBe(200);
    res = await provider.agent
      .patch(`/api/activities/${third!.id}`)
      .send({ location: { lon: -1.8904, lat: 52.4862 } }); // to the West Midlands: no longer a candidate
    expect(res.status).toBe(200);
    await sql`DELETE FROM activities WHERE id = ${fourth!.id}`.execute(t.database.db);
    // A point in no district (the generalised boundaries leave some coast out): not in focus.
    await sql`UPDATE activities SET lad_code = NULL WHERE id = ${activities[13]!.id}`.execute(
      t.database.db,
    );
    await expectKeptToAgree();
    const after = await sql<{ seen: string; n: number }>`SELECT s.seen::text,
        (SELECT count(*)::int FROM tender_match_scores k WHERE k.tender_id = s.tender_id) AS n
      FROM tender_match_state s WHERE s.tender_id = ${tender.id}`.execute(t.database.db);
    // Brought up to date, not rebuilt from nothing: the snapshot moved on, three rows went.
    expect(after.rows[0]!.seen).not.toBe(built.rows[0]!.seen);
    expect(after.rows[0]!.n).toBe(activities.length - 3);
    res = await provider.agent.patch(`/api/activities/${second!.id}`).send({ status: 'active' });
    expect(res.status).toBe(200);
    await expectKeptToAgree();
  });

  it("follow an award: the activity's room and gap, and every activity in its cell", async () => {
    const target = activities[4]!;
    const other = await publishedTender(buyer);
    const spo = await submittedSpo(supplier, provider, other, target, 120_000);
    await close(t, other.id);
    await award(buyer, other, spo.id);
    const supported = await sql<{ n: number }>`SELECT count(*)::int AS n FROM hex_coverage
      WHERE activities_supported > 0`.execute(t.database.db);
    expect(supported.rows[0]!.n).toBeGreaterThan(0);
    await expectKeptToAgree();
  });

  it("score the asker's own unawarded lines live, for the asker only", async () => {
    const spo = await draftSpo(supplier, tender);
    await addCash(supplier, spo.id, activities[5]!, 140_000);
    await addCash(supplier, spo.id, activities[6]!, 5_000_000);
    await expectKeptToAgree();
  });

  it("follow the activity's measures, the tender's priorities and need by district", async () => {
    await t.database.db
      .insertInto('tender_priority_measures')
      .values({ tender_id: tender.id, framework_id: 'national-toms-starter', measure_code: 'NT29' })
      .execute();
    await expectKeptToAgree();
    await t.database.db
      .deleteFrom('activity_measures')
      .where('activity_id', 'in', [activities[7]!.id, activities[8]!.id])
      .execute();
    await expectKeptToAgree();
    await sql`UPDATE lad_need SET deprivation_quintile = 6 - deprivation_quintile
      WHERE deprivation_quintile IS NOT NULL`.execute(t.database.db);
    const cleared = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM tender_match_state`.execute(t.database.db);
    expect(cleared.rows[0]!.n).toBe(0);
    await expectKeptToAgree();
  });

  it('agree after many writers race many readers, and after simultaneous first builds', async () => {
    // Real races on PostgreSQL (the CI runs this file there too); the embedded database
    // runs one transaction at a time, where the same requests queue.
    const ctx = (await repo.tenderContext(tender.id))!;
    const params = scoringParamsOf(ctx);
    const read = () => repo.ranked(ctx, params, [], { withRoom: false }, { limit: 5, offset: 0 });
    for (let round = 0; round < 5; round++) {
      await sql`DELETE FROM tender_match_state WHERE tender_id = ${tender.id}`.execute(
        t.database.db,
      );
      const builds = await Promise.all(Array.from({ length: 6 }, read));
      expect(new Set(builds.map((rows) => JSON.stringify(rows.map((r) => r.id)))).size).toBe(1);
    }
    await expectKeptToAgree();
    const editable = [activities[9]!, activities[10]!, activities[11]!, activities[12]!];
    const writes = editable.flatMap((a, i) => [
      provider.agent
        .patch(`/api/activities/${a.id}`)
        .send({ themes: i % 2 === 0 ? ['healthier'] : ['safer', 'healthier'] }),
      provider.agent.patch(`/api/activities/${a.id}`).send({ status: 'paused' }),
      provider.agent.patch(`/api/activities/${a.id}`).send({ status: 'active' }),
    ]);
    const reads = Array.from({ length: 12 }, read);
    const [written] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
    expect(written.map((r) => r.status)).toEqual(written.map(() => 200));
    await expectKeptToAgree();
  });

  it('keep the log short: tidying drops lines every kept score has seen, and unread scores', async () => {
    await expectKeptToAgree();
    await provider.agent.patch(`/api/activities/${activities[9]!.id}`).send({ status: 'paused' });
    const logged = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM match_dirty`.execute(t.database.db))
        .rows[0]!.n;
    // Whether tidying empties the log. Transaction ids are the whole PostgreSQL server's, so a
    // transaction another test file has open (parallel workers) holds back what may go for a
    // moment; tidying again once it has ended must empty it.
    const tidiedAway = async () => {
      for (let i = 0; i < 50; i += 1) {
        await repo.tidyKeptScores();
        if ((await logged()) === 0) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    expect(await logged()).toBeGreaterThan(0);
    // Not yet seen by the kept scores: kept.
    await repo.tidyKeptScores();
    expect(await logged()).toBeGreaterThan(0);
    await expectKeptToAgree();
    expect(await tidiedAway()).toBe(true);
    // Scores not read for over a day are dropped, and the log with them.
    await provider.agent.patch(`/api/activities/${activities[9]!.id}`).send({ status: 'active' });
    await sql`UPDATE tender_match_state SET refreshed_at = now() - interval '25 hours'`.execute(
      t.database.db,
    );
    await repo.tidyKeptScores();
    const states = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM tender_match_state`.execute(t.database.db);
    expect(states.rows[0]!.n).toBe(0);
    expect(await tidiedAway()).toBe(true);
    await expectKeptToAgree();
  });
});

// A second pool with its own, short statement timeout needs a real PostgreSQL server.
const pgUrl = process.env.TEST_DATABASE_URL;
(pgUrl ? describe : describe.skip)('kept scores under a short statement timeout', () => {
  it('are built and waited for past the timeout a request has (a build can take seconds)', async () => {
    const name = (
      await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.database.db)
    ).rows[0]!.name;
    const short = await openDatabase({
      databaseUrl: adminUrl(pgUrl!, name),
      poolSize: 2,
      timeouts: { connectMs: 3000, statementMs: 200 },
    });
    try {
      const shortRepo = createMatchingRepo(short);
      const ctx = (await shortRepo.tenderContext(tender.id))!;
      const params = scoringParamsOf(ctx);
      await sql`DELETE FROM tender_match_state WHERE tender_id = ${tender.id}`.execute(
        t.database.db,
      );
      // Another refresher of the same tender holds it for longer than the timeout.
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const other = t.database.db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(19, hashtext(${tender.id}))`.execute(tx);
        held();
        await sql`SELECT pg_sleep(0.8)`.execute(tx);
      });
      await holding;
      const rows = await shortRepo.ranked(
        ctx,
        params,
        [],
        { withRoom: false },
        {
          limit: 5,
          offset: 0,
        },
      );
      await other;
      expect(rows.length).toBeGreaterThan(0);
      await expectKeptToAgree();
    } finally {
      await short.close();
    }
  });
});
