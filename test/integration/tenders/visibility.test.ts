import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
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
} from './spo-fixtures';

/**
 * The visibility rule (README, "Tenders and Social Purchase Orders") for every SPO state,
 * every role and every route that shows SPOs. Each state has a tender of its own, with a
 * buyer of its own, so the buyer's pipeline shows that state alone.
 */

const ROLES = ['anonymous', 'stranger', 'supplier', 'buyer', 'provider', 'otherProvider'] as const;
type Role = (typeof ROLES)[number];
const EVERYONE = [...ROLES];

const STATES = [
  'draft',
  'submitted before closing',
  'submitted after closing',
  'awarded',
  'not_awarded',
  'withdrawn',
  'submitted, tender cancelled',
] as const;
type State = (typeof STATES)[number];

const PLEDGE = pounds(4_000);

interface Row {
  state: State;
  /** Who gets 200 from GET /api/spos/:id (everyone else 404). */
  spo: Role[];
  /** Who finds it in GET /api/tenders/:id/spos. */
  list: Role[];
  /** Who finds its line in GET /api/link-requests (anonymous always gets 401). */
  inbox: Role[];
  /** Who finds it in GET /api/activities/:id/supporters. */
  supporters: Role[];
  /** The tender's buyer's `pipelinePence` in its territory (everyone else's is null). */
  pipeline: number;
}

// prettier-ignore
const MATRIX: Row[] = [
  { state: 'draft',                       spo: ['supplier', 'provider'],          list: ['supplier'],          inbox: ['provider'], supporters: [],       pipeline: 0 },
  { state: 'submitted before closing',    spo: ['supplier', 'provider'],          list: ['supplier'],          inbox: ['provider'], supporters: [],       pipeline: 0 },
  { state: 'submitted after closing',     spo: ['supplier', 'buyer', 'provider'], list: ['supplier', 'buyer'], inbox: ['provider'], supporters: [],       pipeline: PLEDGE },
  { state: 'awarded',                     spo: EVERYONE,                          list: EVERYONE,              inbox: ['provider'], supporters: EVERYONE, pipeline: 0 },
  { state: 'not_awarded',                 spo: ['supplier', 'buyer'],             list: ['supplier', 'buyer'], inbox: [],           supporters: [],       pipeline: 0 },
  { state: 'withdrawn',                   spo: ['supplier'],                      list: ['supplier'],          inbox: [],           supporters: [],       pipeline: 0 },
  { state: 'submitted, tender cancelled', spo: ['supplier', 'provider'],          list: ['supplier'],          inbox: ['provider'], supporters: [],       pipeline: 0 },
];

let t: TestApp;
let supplier: SignedIn;
let winner: SignedIn;
let provider: SignedIn;
let stranger: SignedIn;
let otherProvider: SignedIn;
let activity: ActivityView;
const scenes = new Map<State, { buyer: SignedIn; tender: TenderView; spo: SpoView }>();

async function scene(state: State): Promise<void> {
  const buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  const tender = await publishedTender(buyer);
  let spo: SpoView;
  if (state === 'draft') {
    spo = await addCash(supplier, (await draftSpo(supplier, tender)).id, activity, PLEDGE);
  } else {
    spo = await submittedSpo(supplier, provider, tender, activity, PLEDGE);
  }
  if (state === 'withdrawn')
    expect((await supplier.agent.post(`/api/spos/${spo.id}/withdraw`)).status).toBe(200);
  if (state === 'submitted, tender cancelled') {
    const cancelled = await buyer.agent
      .post(`/api/tenders/${tender.id}/transition`)
      .send({ status: 'cancelled', reason: 'Retendering' });
    expect(cancelled.status).toBe(200);
  }
  const other =
    state === 'not_awarded'
      ? await submittedSpo(winner, provider, tender, activity, pounds(9_000))
      : null;
  if (state !== 'draft' && state !== 'submitted before closing') await close(t, tender.id);
  if (state === 'awarded') {
    // Marked before the award: the mark must stay between the buyer and the supplier.
    const marked = await buyer.agent
      .put(`/api/spos/${spo.id}/credibility`)
      .send({ credible: false, reason: 'Figures look optimistic' });
    expect(marked.status).toBe(200);
    await award(buyer, tender, spo.id);
  }
  if (other) await award(buyer, tender, other.id);
  scenes.set(state, { buyer, tender, spo });
}

function agentOf(role: Role, buyer: SignedIn) {
  const who: Record<Role, SignedIn | null> = {
    anonymous: null,
    stranger,
    supplier,
    buyer,
    provider,
    otherProvider,
  };
  return as(t, who[role]);
}

/** Asks the route as every role; answers what each got, for one comparison per row. */
async function byRole<T>(
  state: State,
  ask: (agent: ReturnType<typeof as>, s: { tender: TenderView; spo: SpoView }) => Promise<T>,
): Promise<Record<Role, T>> {
  const s = scenes.get(state)!;
  const entries: [Role, T][] = [];
  for (const role of ROLES) entries.push([role, await ask(agentOf(role, s.buyer), s)]);
  return Object.fromEntries(entries) as Record<Role, T>;
}

const only = (who: Role[]) =>
  Object.fromEntries(ROLES.map((r) => [r, who.includes(r)])) as Record<Role, boolean>;

beforeAll(async () => {
  t = await createTestApp();
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  winner = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  stranger = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  otherProvider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  activity = await activityOf(provider);
  await activityOf(otherProvider);
  for (const state of STATES) await scene(state);
});
afterAll(() => t.close());

describe('who sees an SPO, state by state and role by role', () => {
  it.each(MATRIX)(
    'answers GET /api/spos/:id on a $state SPO to its row’s roles, 404 to the rest',
    async ({ state, spo }) => {
      const got = await byRole(
        state,
        async (a, s) => (await a.get(`/api/spos/${s.spo.id}`)).status,
      );
      expect(got).toEqual(
        Object.fromEntries(ROLES.map((r) => [r, spo.includes(r) ? 200 : 404])) as Record<
          Role,
          number
        >,
      );
    },
  );

  it.each(MATRIX)(
    'lists a $state SPO in GET /api/tenders/:id/spos for its row’s roles only',
    async ({ state, list }) => {
      const got = await byRole(state, async (a, s) => {
        const res = await a.get(`/api/tenders/${s.tender.id}/spos`);
        expect(res.status).toBe(200);
        return (res.body as SpoView[]).some((v) => v.id === s.spo.id);
      });
      expect(got).toEqual(only(list));
    },
  );

  it.each(MATRIX)(
    'puts a $state SPO’s line in GET /api/link-requests for its row’s roles only',
    async ({ state, inbox }) => {
      const got = await byRole(state, async (a, s) => {
        const res = await a.get('/api/link-requests');
        if (res.status === 401) return 'unauthenticated';
        expect(res.status).toBe(200);
        return (res.body.items as { spoId: string }[]).some((i) => i.spoId === s.spo.id);
      });
      expect(got).toEqual({ ...only(inbox), anonymous: 'unauthenticated' });
    },
  );

  it.each(MATRIX)(
    'lists a $state SPO in GET /api/activities/:id/supporters for its row’s roles only',
    async ({ state, supporters }) => {
      const got = await byRole(state, async (a, s) => {
        const res = await a.get(`/api/activities/${activity.id}/supporters`);
        expect(res.status).toBe(200);
        return (res.body.items as { spoId: string }[]).some((i) => i.spoId === s.spo.id);
      });
      expect(got).toEqual(only(supporters));
    },
  );

  it.each(MATRIX)(
    'counts a $state SPO in its buyer’s GET /api/coverage pipelinePence as its row says',
    async ({ state, pipeline }) => {
      const got = await byRole(state, async (a) => {
        const res = await a.get('/api/coverage');
        expect(res.status).toBe(200);
        return (res.body as TerritoryCoverage[]).find((c) => c.code === activity.territory.code)!
          .pipelinePence;
      });
      expect(got).toEqual({
        ...(Object.fromEntries(ROLES.map((r) => [r, null])) as Record<Role, null>),
        buyer: pipeline,
      });
    },
  );
});

describe('what the public sees of an awarded SPO', () => {
  it('shows the buyer’s credibility mark to the buyer and the supplier only', async () => {
    const got = await byRole('awarded', async (a, s) => {
      const body = (await a.get(`/api/spos/${s.spo.id}`)).body as SpoView;
      return [body.credible, body.credibilityReason];
    });
    const hidden = [true, ''];
    const shown = [false, 'Figures look optimistic'];
    expect(got).toEqual({
      anonymous: hidden,
      stranger: hidden,
      supplier: shown,
      buyer: shown,
      provider: hidden,
      otherProvider: hidden,
    });
    const listed = await byRole('awarded', async (a, s) => {
      const rows = (await a.get(`/api/tenders/${s.tender.id}/spos`)).body as SpoView[];
      return rows.find((v) => v.id === s.spo.id)!.credibilityReason;
    });
    expect(listed).toMatchObject({ anonymous: '', stranger: '', buyer: 'Figures look optimistic' });
  });
});
