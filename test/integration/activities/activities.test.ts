import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import { buildActivity, buildOrganisation } from '../../../seed/factories';
import { join, makeAdmin, orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let owner: SignedIn;
let member: SignedIn;
let otherProvider: SignedIn;
let supplier: SignedIn;
let admin: SignedIn;
let providerId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.app, { organisation: buildOrganisation('provider') });
  providerId = orgOf(owner);
  member = await signUp(t.app, { organisation: null });
  await join(owner.agent, providerId, member);
  otherProvider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  admin = await signUp(t.app, { organisation: null });
  await makeAdmin(t.database, admin.me.person.id);
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('activities')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function create(who: SignedIn, overrides = {}): Promise<ActivityView> {
  const res = await who.agent
    .post('/api/activities')
    .send({ providerId, ...buildActivity(overrides) });
  expect(res.status).toBe(201);
  return res.body as ActivityView;
}

describe('creating an activity', () => {
  it('lets a member of the provider list one, deriving its territory from the point', async () => {
    const input = buildActivity();
    const res = await member.agent.post('/api/activities').send({ providerId, ...input });
    expect(res.status).toBe(201);
    const view = res.body as ActivityView;
    expect(view).toMatchObject({
      title: input.title,
      provider: { id: providerId, verified: false },
      territory: { code: 'E23000029', name: 'Thames Valley' },
      location: input.location,
      serviceArea: { type: 'radius', radiusKm: 5 },
      impact: input.impact,
      needs: input.needs,
      capacityPence: input.capacityPence,
      status: 'active',
      atRiskUntil: null,
      demo: false,
    });
    expect(view.measures.map((m) => m.code)).toEqual(['NT28', 'NT29']);
    expect(view.measures.find((m) => m.code === 'NT29')?.proxyValueGbp).toBe('16.090000');
    const again = await request(t.app).get(`/api/activities/${view.id}`);
    expect(again.body).toEqual(view);
  });

  it('derives the territory in every nation, agreeing with the territory lookup', async () => {
    const places: [string, number, number, string][] = [
      ['London', -0.1276, 51.5072, 'E23000001'],
      ['Cardiff', -3.1791, 51.4816, 'W15000003'],
      ['Glasgow', -4.2518, 55.8642, 'S23000009'],
      ['Belfast', -5.9301, 54.5973, 'N23000001'],
      ['Manchester', -2.2426, 53.4808, 'E23000005'],
    ];
    for (const [address, lon, lat, code] of places) {
      const view = await create(owner, { address, location: { lon, lat } });
      const located = await request(t.app).get(`/api/territories/locate?lon=${lon}&lat=${lat}`);
      expect([address, view.territory.code]).toEqual([address, located.body.code]);
      expect([address, view.territory.code]).toEqual([address, code]);
    }
  });

  it('refuses a point outside the 45 territories with not_in_territory, writing nothing', async () => {
    const before = await count();
    const res = await owner.agent
      .post('/api/activities')
      .send({ providerId, ...buildActivity({ location: { lon: -4.5, lat: 50.0 } }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_in_territory');
    expect(res.body.error.details[0].path).toBe('location');
    expect(await count()).toBe(before);
  });

  it('keeps a drawn service area and gives it back as GeoJSON', async () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [-1.3, 51.7],
          [-1.2, 51.7],
          [-1.2, 51.8],
          [-1.3, 51.8],
          [-1.3, 51.7],
        ],
      ],
    };
    const view = await create(owner, { serviceArea: { type: 'area', geometry } });
    expect(view.serviceArea).toEqual({
      type: 'area',
      geometry: { type: 'MultiPolygon', coordinates: [geometry.coordinates] },
    });
  });

  it('answers a retried create with the same activity, creating it once', async () => {
    const before = await count();
    const body = { providerId, ...buildActivity() };
    const key = `retry-${Date.now()}`;
    const first = await owner.agent.post('/api/activities').set('Idempotency-Key', key).send(body);
    const second = await owner.agent.post('/api/activities').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await count()).toBe(before + 1);
  });

  it('never replays a stored answer to a member since removed', async () => {
    const leaver = await signUp(t.app, { organisation: null });
    await join(owner.agent, providerId, leaver);
    const body = { providerId, ...buildActivity() };
    const key = `leaver-${Date.now()}`;
    const first = await leaver.agent.post('/api/activities').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    await owner.agent.delete(`/api/organisations/${providerId}/members/${leaver.me.person.id}`);
    const replay = await leaver.agent
      .post('/api/activities')
      .set('Idempotency-Key', key)
      .send(body);
    expect(replay.status).toBe(403);
  });

  it('uses the organisation the person acts for when no provider is named', async () => {
    await owner.agent.put('/api/me/acting-for').send({ organisationId: providerId });
    const res = await owner.agent.post('/api/activities').send(buildActivity());
    expect(res.status).toBe(201);
    expect(res.body.provider.id).toBe(providerId);
  });
});

describe('who may create', () => {
  it.each([
    ['nobody signed in', 401],
    ['a member of another provider', 403],
    ['a supplier', 403],
    ['an administrator who is not a member', 403],
  ])('refuses %s (%i), writing nothing', async (who, status) => {
    const agent = {
      'nobody signed in': request.agent(t.app),
      'a member of another provider': otherProvider.agent,
      'a supplier': supplier.agent,
      'an administrator who is not a member': admin.agent,
    }[who]!;
    const before = await count();
    const res = await agent.post('/api/activities').send({ providerId, ...buildActivity() });
    expect(res.status).toBe(status);
    expect(await count()).toBe(before);
  });

  it('refuses a supplier listing an activity for its own organisation', async () => {
    const res = await supplier.agent
      .post('/api/activities')
      .send({ providerId: orgOf(supplier), ...buildActivity() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/provider/);
  });
});

describe('editing, pausing and closing', () => {
  it('lets the owner edit, move (re-deriving the territory), pause and resume', async () => {
    const view = await create(owner);
    const edited = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ title: 'Saturday boxing club', location: { lon: -1.8904, lat: 52.4862 } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Saturday boxing club',
      location: { lon: -1.8904, lat: 52.4862 },
      territory: { code: 'E23000014', name: 'West Midlands' },
    });
    const paused = await member.agent
      .patch(`/api/activities/${view.id}`)
      .send({ status: 'paused' });
    expect(paused.body.status).toBe('paused');
    const resumed = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ status: 'active' });
    expect(resumed.body.status).toBe('active');
  });

  it('refuses a move out of the territories and leaves the activity as it was', async () => {
    const view = await create(owner);
    const res = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ title: 'Moved to sea', location: { lon: 2.5, lat: 54 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_in_territory');
    const after = await request(t.app).get(`/api/activities/${view.id}`);
    expect(after.body).toEqual(view);
  });

  it('puts an activity at risk only with the date it closes, and clears it on recovery', async () => {
    const view = await create(owner);
    const noDate = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ status: 'at_risk' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.details[0].path).toBe('atRiskUntil');
    const atRisk = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ status: 'at_risk', atRiskUntil: '2099-03-31' });
    expect(atRisk.body).toMatchObject({ status: 'at_risk', atRiskUntil: '2099-03-31' });
    const past = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ atRiskUntil: '2001-01-01' });
    expect(past.status).toBe(400);
    const recovered = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ status: 'active' });
    expect(recovered.body).toMatchObject({ status: 'active', atRiskUntil: null });
  });

  it('closes for good: a closed activity stays readable but refuses changes', async () => {
    const view = await create(owner);
    const closed = await owner.agent.patch(`/api/activities/${view.id}`).send({ status: 'closed' });
    expect(closed.body.status).toBe('closed');
    const reopen = await owner.agent.patch(`/api/activities/${view.id}`).send({ status: 'active' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('activity_closed');
    const read = await request(t.app).get(`/api/activities/${view.id}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('closed');
  });

  it('lets an administrator pause any activity', async () => {
    const view = await create(owner);
    const res = await admin.agent.patch(`/api/activities/${view.id}`).send({ status: 'paused' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['nobody signed in', 401],
    ['a member of another provider', 403],
    ['a supplier', 403],
  ])('refuses edits from %s (%i), changing nothing', async (who, status) => {
    const view = await create(owner);
    const agent = {
      'nobody signed in': request.agent(t.app),
      'a member of another provider': otherProvider.agent,
      'a supplier': supplier.agent,
    }[who]!;
    const res = await agent.patch(`/api/activities/${view.id}`).send({ status: 'closed' });
    expect(res.status).toBe(status);
    expect((await request(t.app).get(`/api/activities/${view.id}`)).body).toEqual(view);
  });

  it('answers 404 for an activity that does not exist', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await request(t.app).get(`/api/activities/${id}`)).body.error.code).toBe(
      'activity_not_found',
    );
    expect((await owner.agent.patch(`/api/activities/${id}`).send({ title: 'Nope' })).status).toBe(
      404,
    );
  });

  it('records who created and changed an activity in the audit trail', async () => {
    const view = await create(owner);
    await owner.agent.patch(`/api/activities/${view.id}`).send({ status: 'closed' });
    const audit = await owner.agent.get(
      `/api/audit?organisationId=${providerId}&objectType=activity&objectId=${view.id}`,
    );
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'activities.closed',
      'activities.created',
    ]);
  });
});

describe('bad activity input', () => {
  const bowtie = {
    type: 'Polygon',
    coordinates: [
      [
        [-1.3, 51.7],
        [-1.2, 51.8],
        [-1.2, 51.7],
        [-1.3, 51.8],
        [-1.3, 51.7],
      ],
    ],
  };
  const base = () => ({ providerId, ...buildActivity() });
  it.each([
    ['location.lat', 'invalid coordinates', { location: { lon: -1.25, lat: 95 } }],
    ['location.lon', 'a longitude that is not a number', { location: { lon: 'west', lat: 51 } }],
    ['themes.0', 'an unknown theme', { themes: ['happier'] }],
    ['themes', 'no theme', { themes: [] }],
    ['category', 'an unknown category', { category: 'knitting' }],
    ['measures.0.code', 'an unknown TOMs code', { measures: [{ code: 'NT999' }] }],
    ['needs.fundingGapPence', 'negative money', { needs: { fundingGapPence: -100 } }],
    ['capacityPence', 'money in fractions of a penny', { capacityPence: 10.5 }],
    [
      'impact.costsAvoided.police.confidence',
      'an unknown confidence grade',
      {
        impact: {
          peopleReachedPerYear: 1,
          costsAvoided: { police: { annualPence: 1, method: 'x', confidence: 'certain' } },
        },
      },
    ],
    [
      'serviceArea.geometry',
      'a self-intersecting polygon',
      { serviceArea: { type: 'area', geometry: bowtie } },
    ],
    [
      'serviceArea.radiusKm',
      'a negative radius',
      { serviceArea: { type: 'radius', radiusKm: -2 } },
    ],
    ['atRiskUntil', 'at risk without a date', { status: 'at_risk' }],
    ['status', 'creating it closed', { status: 'closed' }],
    [
      'impact.evidence.links.0.url',
      'a link that is not http',
      {
        impact: {
          peopleReachedPerYear: 1,
          evidence: { links: [{ title: 'x', url: 'javascript:alert(1)' }] },
        },
      },
    ],
  ])('refuses %s (%s) with a 400 naming it, writing nothing', async (field, _why, change) => {
    const before = await count();
    const res = await owner.agent.post('/api/activities').send({ ...base(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await count()).toBe(before);
  });

  it.each([
    ['title', 'Enter a title', { title: '   ' }],
    ['title', 'Title must be 3 characters or more', { title: 'ab' }],
    ['title', 'Title must be 120 characters or fewer', { title: 'x'.repeat(121) }],
    ['summary', 'Enter a summary', { summary: '' }],
    ['summary', 'Summary must be 300 characters or fewer', { summary: 'y'.repeat(301) }],
    ['themes', 'Select at least one theme', { themes: [] }],
    ['category', 'Select a category', { category: undefined }],
    ['category', 'Select a category from the list', { category: 'knitting' }],
    ['location', 'Enter where it happens, as longitude and latitude', { location: undefined }],
    ['location.lat', 'Latitude must be between -90 and 90', { location: { lon: -1.25, lat: 95 } }],
    ['atRiskUntil', 'Enter the date it closes without funding', { status: 'at_risk' }],
    [
      'impact.evidence.links.0.url',
      'Enter a web address starting with https:// or http://',
      {
        impact: { peopleReachedPerYear: 1, evidence: { links: [{ title: 'x', url: 'ftp://x' }] } },
      },
    ],
  ])('says what to do about %s in GOV.UK words: "%s"', async (path, message, change) => {
    const res = await owner.agent.post('/api/activities').send({ ...base(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([{ path, message }]);
    expect(res.body.error.message).toBe(`The request is not valid: ${path}: ${message}`);
  });

  it.each([
    ['title', { title: 'abc\u0000def' }],
    ['description', { description: 'lone \ud800 surrogate' }],
  ])('refuses text PostgreSQL cannot store in %s with a 400, not a 500', async (field, change) => {
    const before = await count();
    const res = await owner.agent.post('/api/activities').send({ ...base(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await count()).toBe(before);
    const search = await request(t.app).get('/api/activities?q=%00');
    expect(search.status).toBe(400);
  });

  it('keeps a tiny radius exactly and drops altitudes from a drawn area', async () => {
    const tiny = await create(owner, { serviceArea: { type: 'radius', radiusKm: 0.001 } });
    expect(tiny.serviceArea).toEqual({ type: 'radius', radiusKm: 0.001 });
    const ring = [
      [-1.3, 51.7, 10],
      [-1.2, 51.7, 10],
      [-1.2, 51.8, 10],
      [-1.3, 51.7, 10],
    ];
    const area = await create(owner, {
      serviceArea: { type: 'area', geometry: { type: 'Polygon', coordinates: [ring] } },
    });
    expect(area.serviceArea).toEqual({
      type: 'area',
      geometry: { type: 'MultiPolygon', coordinates: [[ring.map(([x, y]) => [x, y])]] },
    });
  });

  it('refuses clearing the date of an activity that stays at risk', async () => {
    const view = await create(owner, { status: 'at_risk', atRiskUntil: '2099-01-01' });
    const res = await owner.agent.patch(`/api/activities/${view.id}`).send({ atRiskUntil: null });
    expect(res.status).toBe(400);
    expect((await request(t.app).get(`/api/activities/${view.id}`)).body.atRiskUntil).toBe(
      '2099-01-01',
    );
  });

  it('refuses a bad edit with the field named, changing nothing', async () => {
    const view = await create(owner);
    const res = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ title: 'Fine title', needs: { fundingGapPence: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('needs.fundingGapPence');
    const unknownMeasure = await owner.agent
      .patch(`/api/activities/${view.id}`)
      .send({ title: 'Fine title', measures: [{ code: 'NT1' }, { code: 'NOPE' }] });
    expect(unknownMeasure.body.error.details[0].path).toBe('measures.1.code');
    expect((await request(t.app).get(`/api/activities/${view.id}`)).body).toEqual(view);
  });
});
