import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildActivity, buildOrganisation, buildTender } from '../../../seed/factories';
import { join, makeAdmin, orgOf, signIn, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { SESSION_ROUTES } from '../../../server/src/features/api-docs/api-docs.access';

type Who = 'anonymous' | 'otherOrg' | 'member' | 'owner' | 'admin';
const WHO: Who[] = ['anonymous', 'otherOrg', 'member', 'owner', 'admin'];

interface Fixture {
  orgId: string;
  /** A member to remove, made anew for each DELETE. */
  throwawayMember(): Promise<string>;
  /** A token inviting `email` into a new organisation of someone else's. */
  invitationFor(email: string): Promise<string>;
  /** An activity of the organisation's (a provider), made once. */
  activity(): Promise<string>;
  /** A new open tender of otherOrg's (a buyer), each call. */
  tender(): Promise<string>;
}

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface Check {
  expect: Record<Who, number>;
  /** The request, given the fixture; defaults to the route's path with its ids filled in. */
  send?: (agent: TestAgent, f: Fixture) => Promise<{ status: number; body: unknown }>;
}

const all = (status: number): Record<Who, number> => ({
  anonymous: status,
  otherOrg: status,
  member: status,
  owner: status,
  admin: status,
});
let seq = 0;
const fresh = () => `matrix-${Date.now().toString(36)}-${(seq += 1)}@example.test`;

/**
 * Every API route, and what each kind of actor gets from it. The route table comes from
 * the app itself: a route added without an entry here fails the first test.
 */
const MATRIX: Record<string, Check> = {
  'GET /api/health': { expect: all(200) },
  'GET /api/config': { expect: all(200) },
  'GET /api/territories': { expect: all(200) },
  'GET /api/territories/locate': {
    expect: all(200),
    send: (a) => a.get('/api/territories/locate?lon=-1.26&lat=51.75'),
  },
  'GET /api/territories/:code': { expect: all(200) },
  'GET /api/need/lads': { expect: all(200) },
  'GET /api/need/territories': { expect: all(200) },
  'GET /api/need/territories/:code': { expect: all(200) },
  'POST /api/auth/sign-up': {
    expect: all(202),
    send: (a) =>
      a
        .post('/api/auth/sign-up')
        .send({ email: fresh(), password: 'a long enough password', name: 'New' }),
  },
  'POST /api/auth/sign-in': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
    send: (a) => a.post('/api/auth/sign-in').send({ email: currentEmail, password: PASSWORD }),
  },
  'POST /api/auth/sign-out': { expect: all(204) },
  'POST /api/auth/password': {
    expect: { anonymous: 401, otherOrg: 204, member: 204, owner: 204, admin: 204 },
    send: (a) =>
      a.post('/api/auth/password').send({ currentPassword: PASSWORD, newPassword: PASSWORD }),
  },
  // An unknown link: refused alike, signed in or not.
  'POST /api/auth/verify-email': {
    expect: all(400),
    send: (a) => a.post('/api/auth/verify-email').send({ token: 'x'.repeat(43) }),
  },
  'POST /api/auth/verify-email/resend': {
    expect: { anonymous: 401, otherOrg: 202, member: 202, owner: 202, admin: 202 },
  },
  'POST /api/auth/password-reset': {
    expect: all(202),
    send: (a) => a.post('/api/auth/password-reset').send({ email: fresh() }),
  },
  'POST /api/auth/password-reset/confirm': {
    expect: all(400),
    send: (a) =>
      a
        .post('/api/auth/password-reset/confirm')
        .send({ token: 'x'.repeat(43), newPassword: 'a long enough password' }),
  },
  'GET /api/me': { expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 } },
  'PUT /api/me/acting-for': {
    expect: { anonymous: 401, otherOrg: 403, member: 200, owner: 200, admin: 403 },
    send: (a, f) => a.put('/api/me/acting-for').send({ organisationId: f.orgId }),
  },
  'GET /api/organisations': { expect: all(200) },
  'POST /api/organisations': {
    expect: { anonymous: 401, otherOrg: 201, member: 201, owner: 201, admin: 201 },
    send: (a) => a.post('/api/organisations').send(buildOrganisation('supplier')),
  },
  'GET /api/organisations/:id': { expect: all(200) },
  // Administrators oversee organisations; they do not edit them or bring people in (issue 14).
  'PATCH /api/organisations/:id': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 200, admin: 403 },
    send: (a, f) =>
      a.patch(`/api/organisations/${f.orgId}`).send({ territories: ['E23000029', 'E23000001'] }),
  },
  'PUT /api/organisations/:id/verified': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 403, admin: 200 },
    send: (a, f) => a.put(`/api/organisations/${f.orgId}/verified`).send({ verified: true }),
  },
  'GET /api/organisations/:id/members': {
    expect: { anonymous: 401, otherOrg: 403, member: 200, owner: 200, admin: 200 },
  },
  'POST /api/organisations/:id/members': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 201, admin: 403 },
    send: (a, f) => a.post(`/api/organisations/${f.orgId}/members`).send({ email: fresh() }),
  },
  'DELETE /api/organisations/:id/members/:personId': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 204, admin: 204 },
    send: async (a, f) =>
      a.delete(`/api/organisations/${f.orgId}/members/${await f.throwawayMember()}`),
  },
  'POST /api/invitations/accept': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
    send: async (a, f) =>
      a.post('/api/invitations/accept').send({ token: await f.invitationFor(currentEmail) }),
  },
  'GET /api/toms/frameworks': { expect: all(200) },
  'GET /api/toms/measures': { expect: all(200) },
  'GET /api/places': { expect: all(200), send: (a) => a.get('/api/places?q=OX4') },
  'GET /api/activities': { expect: all(200) },
  'GET /api/activities/map': {
    expect: all(200),
    send: (a) => a.get('/api/activities/map?bbox=-9,49,2,61&zoom=6'),
  },
  'POST /api/activities': {
    expect: { anonymous: 401, otherOrg: 403, member: 201, owner: 201, admin: 403 },
    send: (a, f) => a.post('/api/activities').send({ providerId: f.orgId, ...buildActivity() }),
  },
  'GET /api/activities/:id': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/activities/${await f.activity()}`),
  },
  'PATCH /api/activities/:id': {
    expect: { anonymous: 401, otherOrg: 403, member: 200, owner: 200, admin: 200 },
    send: async (a, f) =>
      a.patch(`/api/activities/${await f.activity()}`).send({ title: 'Renamed activity' }),
  },
  'GET /api/calculators/one-in-a-million': {
    expect: all(200),
    send: (a) =>
      a.get(
        '/api/calculators/one-in-a-million?annualContractValue=1000000&ratePerMillion=5000&years=2',
      ),
  },
  'POST /api/calculators/toms': {
    expect: all(200),
    send: (a) => a.post('/api/calculators/toms').send({ lines: [{ code: 'NT29', quantity: 10 }] }),
  },
  'GET /api/tenders': { expect: all(200) },
  'POST /api/tenders': {
    // The fixture organisation is a provider: its members may not publish tenders.
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 403, admin: 403 },
    send: (a, f) => a.post('/api/tenders').send({ buyerId: f.orgId, ...buildTender() }),
  },
  'GET /api/tenders/:id': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}`),
  },
  'PATCH /api/tenders/:id': {
    // otherOrg is the buyer: a published tender no longer changes.
    expect: { anonymous: 401, otherOrg: 409, member: 403, owner: 403, admin: 403 },
    send: async (a, f) => a.patch(`/api/tenders/${await f.tender()}`).send({ title: 'Renamed' }),
  },
  'POST /api/tenders/:id/transition': {
    expect: { anonymous: 401, otherOrg: 200, member: 403, owner: 403, admin: 403 },
    send: async (a, f) =>
      a.post(`/api/tenders/${await f.tender()}/transition`).send({ status: 'cancelled' }),
  },
  'GET /api/tenders/:id/spos': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/spos`),
  },
  'POST /api/tenders/:id/spos': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 403, admin: 403 },
    send: async (a, f) =>
      a.post(`/api/tenders/${await f.tender()}/spos`).send({ supplierId: f.orgId }),
  },
  // Matching reads: whoever may see the tender (a draft's are the buyer's alone, tested in
  // test/integration/matching); only public figures and the asker's own lines.
  'GET /api/tenders/:id/matches': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/matches`),
  },
  'GET /api/tenders/:id/suggestion': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/suggestion`),
  },
  'GET /api/tenders/:id/reach': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/reach`),
  },
  'GET /api/activities/:id/opportunities': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/activities/${await f.activity()}/opportunities`),
  },
  'POST /api/tenders/:id/award': {
    expect: { anonymous: 401, otherOrg: 409, member: 403, owner: 403, admin: 403 },
    send: async (a, f) =>
      a.post(`/api/tenders/${await f.tender()}/award`).send({ spoId: NO_SUCH_ID }),
  },
  // SPOs nobody may see answer 404 exactly like these, which do not exist (the visibility
  // rule for each role is tested in test/integration/tenders).
  'GET /api/spos/:id': { expect: all(404), send: (a) => a.get(`/api/spos/${NO_SUCH_ID}`) },
  'POST /api/spos/:id/lines': {
    expect: all(404),
    send: (a) =>
      a
        .post(`/api/spos/${NO_SUCH_ID}/lines`)
        .send({ activityId: NO_SUCH_ID, kind: 'cash', annualPence: 100 }),
  },
  'DELETE /api/spos/:id/lines/:lineId': {
    expect: all(404),
    send: (a) => a.delete(`/api/spos/${NO_SUCH_ID}/lines/${NO_SUCH_ID}`),
  },
  'POST /api/spos/:id/lines/:lineId/response': {
    expect: all(404),
    send: (a) =>
      a.post(`/api/spos/${NO_SUCH_ID}/lines/${NO_SUCH_ID}/response`).send({ decision: 'accepted' }),
  },
  'POST /api/spos/:id/submit': {
    expect: all(404),
    send: (a) => a.post(`/api/spos/${NO_SUCH_ID}/submit`),
  },
  'POST /api/spos/:id/withdraw': {
    expect: all(404),
    send: (a) => a.post(`/api/spos/${NO_SUCH_ID}/withdraw`),
  },
  'PUT /api/spos/:id/credibility': {
    expect: all(404),
    send: (a) => a.put(`/api/spos/${NO_SUCH_ID}/credibility`).send({ credible: true }),
  },
  'GET /api/link-requests': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  // A person's own organisations' work, for their home page: never anyone else's.
  'GET /api/link-requests/counts': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'GET /api/me/spos': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'GET /api/me/tenders': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'GET /api/activities/:id/supporters': {
    expect: all(200),
    send: async (a, f) => a.get(`/api/activities/${await f.activity()}/supporters`),
  },
  'GET /api/coverage': { expect: all(200) },
  'GET /api/coverage/:code': { expect: all(200) },
  'GET /api/notifications': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'GET /api/notifications/unread': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'POST /api/notifications/read-all': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'GET /api/notifications/preferences': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'PUT /api/notifications/preferences': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
    send: (a) =>
      a
        .put('/api/notifications/preferences')
        .send({ preferences: [{ kind: 'award', channel: 'digest' }] }),
  },
  // Someone else's notification (or none) is a 404 to everyone signed in. (Not id 1: the
  // member was told of their invitation, which may be notification 1.)
  'PATCH /api/notifications/:id': {
    expect: { anonymous: 401, otherOrg: 404, member: 404, owner: 404, admin: 404 },
    send: (a) => a.patch('/api/notifications/999999999').send({ read: true }),
  },
  // The signed link is the authority, not the session: a forged one is refused to all.
  'POST /api/notifications/unsubscribe': {
    expect: all(400),
    send: (a) =>
      a.post(`/api/notifications/unsubscribe?p=${NO_SUCH_ID}&k=award&t=${'x'.repeat(43)}`),
  },
  'GET /api/me/interest': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  'PUT /api/me/interest': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
    send: (a) => a.put('/api/me/interest').send({ territories: ['E23000001'], themes: [] }),
  },
  'GET /api/admin/outgoing-mail': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 403, admin: 200 },
  },
  // After the award (issue 18). Delivery on SPOs and reports nobody may see answers 404 exactly
  // like these, which do not exist; who sees and does what on a real awarded SPO is tested
  // in test/integration/delivery/access.test.ts.
  'GET /api/spos/:id/delivery': {
    expect: all(404),
    send: (a) => a.get(`/api/spos/${NO_SUCH_ID}/delivery`),
  },
  'POST /api/spos/:id/reports': {
    expect: all(404),
    send: (a) =>
      a
        .post(`/api/spos/${NO_SUCH_ID}/reports`)
        .send({ lineId: NO_SUCH_ID, period: 1, amount: '100' }),
  },
  'POST /api/delivery-reports/:id/response': {
    expect: all(404),
    send: (a) =>
      a.post(`/api/delivery-reports/${NO_SUCH_ID}/response`).send({ decision: 'confirmed' }),
  },
  'POST /api/delivery-reports/:id/evidence': {
    expect: all(404),
    send: (a) =>
      a
        .post(`/api/delivery-reports/${NO_SUCH_ID}/evidence?name=receipt.txt`)
        .set('Content-Type', 'text/plain')
        .send('paid'),
  },
  'GET /api/delivery-reports/:id/evidence/:fileId': {
    expect: all(404),
    send: (a) => a.get(`/api/delivery-reports/${NO_SUCH_ID}/evidence/${NO_SUCH_ID}`),
  },
  // The reports a person's own organisations sent or must answer: never anyone else's.
  'GET /api/delivery-reports': {
    expect: { anonymous: 401, otherOrg: 200, member: 200, owner: 200, admin: 200 },
  },
  // otherOrg is the tender's buyer.
  'PATCH /api/tenders/:id/delivery-settings': {
    expect: { anonymous: 401, otherOrg: 200, member: 403, owner: 403, admin: 200 },
    send: async (a, f) =>
      a
        .patch(`/api/tenders/${await f.tender()}/delivery-settings`)
        .send({ graceDays: 14, responseDays: 21 }),
  },
  // The fixture's SPO does not exist: the same 404 as one the asker may not see.
  'POST /api/spos/:id/pledge-import/preview': {
    expect: { anonymous: 401, otherOrg: 404, member: 404, owner: 404, admin: 404 },
    send: (a) =>
      a.post(`/api/spos/${NO_SUCH_ID}/pledge-import/preview`).send({ csv: 'code,quantity\nNT1,1' }),
  },
  // Fulfilment is public once a tender is awarded; the fixture's tender is open.
  'GET /api/tenders/:id/fulfilment': {
    expect: all(409),
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/fulfilment`),
  },
  'GET /api/organisations/:id/track-record': { expect: all(200) },
  'GET /api/organisations/:id/fulfilment': { expect: all(200) },
  'GET /api/territories/:code/fulfilment': { expect: all(200) },
  // A buyer's reports: the contract's to its buyer (otherOrg; the tender is not awarded yet,
  // which is said only to those who may read it), the territory's to buyers.
  'GET /api/tenders/:id/report': {
    expect: { anonymous: 401, otherOrg: 409, member: 403, owner: 403, admin: 409 },
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/report`),
  },
  'GET /api/tenders/:id/report.csv': {
    expect: { anonymous: 401, otherOrg: 409, member: 403, owner: 403, admin: 409 },
    send: async (a, f) => a.get(`/api/tenders/${await f.tender()}/report.csv`),
  },
  'GET /api/territories/:code/report': {
    expect: { anonymous: 401, otherOrg: 200, member: 403, owner: 403, admin: 200 },
  },
  'GET /api/territories/:code/report.csv': {
    expect: { anonymous: 401, otherOrg: 200, member: 403, owner: 403, admin: 200 },
  },
  // Open data: public to everyone, signed in or not.
  'GET /api/open-data': { expect: all(200) },
  'GET /api/open-data/ocds/release-package.json': { expect: all(200) },
  // A 360Giving file holds at least one grant: with none confirmed yet, a 404 says so.
  'GET /api/open-data/360giving/grants.json': { expect: all(404) },
  'GET /api/open-data/coverage.geojson': { expect: all(200) },
  'GET /api/open-data/coverage.csv': { expect: all(200) },
  // The API's own description: public, the same for everyone.
  'GET /api/openapi.json': { expect: all(200) },
  'GET /api/docs': { expect: all(200) },
  'GET /api/audit': {
    expect: { anonymous: 401, otherOrg: 403, member: 403, owner: 200, admin: 200 },
    send: (a, f) => a.get(`/api/audit?organisationId=${f.orgId}`),
  },
};

const PASSWORD = 'the matrix password';
let currentEmail = '';
let t: TestApp;
let people: Record<Exclude<Who, 'anonymous'>, SignedIn>;
let fixture: Fixture;
let activityId: string | undefined;

beforeAll(async () => {
  t = await createTestApp();
  const person = { password: PASSWORD };
  const owner = await signUp(t.app, { person });
  const orgId = orgOf(owner);
  const member = await signUp(t.app, { organisation: null, person });
  await join(owner.agent, orgId, member);
  const otherOrg = await signUp(t.app, { organisation: buildOrganisation('buyer'), person });
  const admin = await signUp(t.app, { organisation: null, person });
  await makeAdmin(t.database, admin.me.person.id);
  people = { owner, member, otherOrg, admin };
  fixture = {
    orgId,
    throwawayMember: async () => {
      const leaver = await signUp(t.app, { organisation: null, person });
      // A new session: the password checks above end every earlier one.
      await join(await signIn(t.app, owner.email, PASSWORD), orgId, leaver);
      return leaver.me.person.id;
    },
    invitationFor: async (email) => {
      const host = await signUp(t.app, { person });
      const res = await host.agent
        .post(`/api/organisations/${orgOf(host)}/members`)
        .send({ email: email === 'nobody@example.test' ? 'someone@example.test' : email });
      return String(res.body.acceptPath).split('/').pop()!;
    },
    tender: async () => {
      const agent = await signIn(t.app, otherOrg.email, PASSWORD);
      const created = await agent
        .post('/api/tenders')
        .send({ buyerId: orgOf(otherOrg), ...buildTender() });
      await agent.post(`/api/tenders/${created.body.id}/transition`).send({ status: 'open' });
      return created.body.id as string;
    },
    activity: async () => {
      activityId ??= (
        await (
          await signIn(t.app, owner.email, PASSWORD)
        )
          .post('/api/activities')
          .send({ providerId: orgId, ...buildActivity() })
      ).body.id as string;
      return activityId;
    },
  };
});
afterAll(() => t.close());

async function agentFor(who: Who): Promise<TestAgent> {
  if (who === 'anonymous') {
    currentEmail = 'nobody@example.test';
    return request.agent(t.app);
  }
  currentEmail = people[who].email;
  // A fresh session for every check: sign-out and password changes end sessions.
  return signIn(t.app, people[who].email, PASSWORD);
}

function defaultSend(route: string): NonNullable<Check['send']> {
  const [method, path] = route.split(' ') as [string, string];
  return (agent, f) => {
    const url = path.replace(':id', f.orgId).replace(':code', 'E23000029');
    return agent[method.toLowerCase() as 'get' | 'post' | 'delete'](url);
  };
}

describe('the access matrix', () => {
  it('has an entry for every API route the app declares, and none for routes it lacks', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...t.app.locals.routes].sort());
  });

  // Sign-in's 401 is for the wrong password the anonymous check sends, not for a session.
  it('documents a session as required on every route that answers anonymous callers 401', () => {
    const refusedAnonymous = Object.entries(MATRIX)
      .filter(
        ([route, check]) => check.expect.anonymous === 401 && route !== 'POST /api/auth/sign-in',
      )
      .map(([route]) => route);
    expect(refusedAnonymous.filter((route) => !SESSION_ROUTES.has(route))).toEqual([]);
    expect([...SESSION_ROUTES].filter((route) => !(route in MATRIX))).toEqual([]);
  });

  const cases = Object.entries(MATRIX).flatMap(([route, check]) =>
    WHO.map((who) => ({
      route,
      who,
      status: check.expect[who],
      send: check.send ?? defaultSend(route),
    })),
  );
  it.each(cases)('$route as $who answers $status', async ({ who, status, send }) => {
    const res = await send(await agentFor(who), fixture);
    expect({ status: res.status, body: res.status === status ? 'as expected' : res.body }).toEqual({
      status,
      body: 'as expected',
    });
  });
});
