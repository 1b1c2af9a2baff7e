import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { App } from '../../../server/src/app';
import { buildOrganisation } from '../../../seed/factories';
import { orgOf, rememberDatabase, signUp, type SignedIn } from '../../support/accounts';
import { openApiChecker, recordingApp, type ObservedResponse } from '../../support/openapi-check';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  award,
  close,
  pounds,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let recorder: ReturnType<typeof recordingApp>;
/** The app as the fixtures reach it: through the recorder. */
let app: App;

beforeAll(async () => {
  t = await createTestApp();
  recorder = recordingApp(t.app);
  app = recorder.handler as unknown as App;
  rememberDatabase(app, t.database);
});
afterAll(() => t.close());

/** Every answer of a tender's whole life, public reads and refusals, as clients saw them. */
async function exerciseTheApi(): Promise<void> {
  const anonymous = request.agent(app);
  for (const path of [
    '/api/health',
    '/api/config',
    '/api/territories',
    '/api/territories/locate?lon=-1.26&lat=51.75',
    '/api/territories/E23000029',
    '/api/need/lads',
    '/api/need/territories',
    '/api/need/territories/E23000029',
    '/api/toms/frameworks',
    '/api/toms/measures',
    '/api/places?q=OX4',
    '/api/activities',
    '/api/activities/map?bbox=-9,49,2,61&zoom=6',
    '/api/activities/map?bbox=-1.4,51.6,-1.1,51.9&zoom=14',
    '/api/calculators/one-in-a-million?annualContractValue=1000000&ratePerMillion=5000&years=2',
    '/api/tenders',
    '/api/coverage',
    '/api/coverage/E23000029',
    '/api/organisations',
    '/api/open-data',
    '/api/open-data/ocds/release-package.json',
    '/api/open-data/coverage.geojson',
    '/api/open-data/coverage.csv',
    '/api/territories/E23000029/fulfilment',
    '/api/openapi.json',
    '/api/docs',
    // Refusals, each in the error shape: no session, not found, not valid.
    '/api/me',
    '/api/notifications',
    `/api/spos/${NO_SUCH_ID}`,
    '/api/activities/not-an-id',
    '/api/activities/map?bbox=nonsense',
    '/api/territories/locate?lon=500&lat=0',
  ]) {
    await anonymous.get(path);
  }
  await anonymous.post('/api/calculators/toms').send({ lines: [{ code: 'NT29', quantity: 10 }] });
  await anonymous.post('/api/auth/sign-in').send({ email: 'nobody@example.test', password: 'x' });
  await anonymous
    .post('/api/auth/sign-in')
    .set('Content-Type', 'application/json')
    .send('{"email": ');
  await anonymous
    .post('/api/activities')
    .set('Origin', 'https://elsewhere.example')
    .send({ title: 'x' });
  await anonymous.post('/api/auth/password-reset').send({ email: 'nobody@example.test' });

  const buyer = await signUp(app, { organisation: buildOrganisation('buyer') });
  const supplier = await signUp(app, { organisation: buildOrganisation('supplier') });
  const provider = await signUp(app, { organisation: buildOrganisation('provider') });
  const activity = await activityOf(provider);
  const tender = await publishedTender(buyer);
  const spo = await submittedSpo(supplier, provider, tender, activity, pounds(10_000));
  await close(t, tender.id);
  await award(buyer, tender, spo.id);

  const reads: [SignedIn, string][] = [
    [buyer, '/api/me'],
    [buyer, '/api/me/tenders'],
    [buyer, `/api/tenders/${tender.id}`],
    [buyer, `/api/tenders/${tender.id}/spos`],
    [buyer, `/api/tenders/${tender.id}/matches`],
    [buyer, `/api/tenders/${tender.id}/suggestion`],
    [buyer, `/api/tenders/${tender.id}/reach`],
    [buyer, `/api/tenders/${tender.id}/fulfilment`],
    [buyer, `/api/tenders/${tender.id}/report`],
    [buyer, `/api/tenders/${tender.id}/report.csv`],
    [buyer, `/api/spos/${spo.id}`],
    [buyer, `/api/spos/${spo.id}/delivery`],
    [buyer, `/api/organisations/${orgOf(buyer)}`],
    [buyer, `/api/organisations/${orgOf(buyer)}/members`],
    [buyer, `/api/audit?organisationId=${orgOf(buyer)}`],
    [supplier, '/api/me/spos'],
    [supplier, `/api/organisations/${orgOf(supplier)}/track-record`],
    [supplier, `/api/organisations/${orgOf(supplier)}/fulfilment`],
    [supplier, '/api/delivery-reports'],
    [provider, `/api/activities/${activity.id}`],
    [provider, `/api/activities/${activity.id}/supporters`],
    [provider, `/api/activities/${activity.id}/opportunities`],
    [provider, '/api/link-requests'],
    [provider, '/api/link-requests/counts'],
    [provider, '/api/notifications'],
    [provider, '/api/notifications/unread'],
    [provider, '/api/notifications/preferences'],
    [provider, '/api/me/interest'],
    // Signed in, but not allowed: an administrator's list.
    [provider, '/api/admin/outgoing-mail'],
  ];
  for (const [who, path] of reads) await who.agent.get(path);

  await provider.agent.patch(`/api/activities/${activity.id}`).send({ title: 'Renamed activity' });
  await provider.agent.post('/api/notifications/read-all');
  await provider.agent.put('/api/me/interest').send({ territories: ['E23000001'], themes: [] });
  await buyer.agent
    .patch(`/api/tenders/${tender.id}/delivery-settings`)
    .send({ graceDays: 14, responseDays: 21 });
  // A buyer may not edit someone else's organisation.
  await buyer.agent
    .patch(`/api/organisations/${orgOf(supplier)}`)
    .send({ territories: ['E23000029'] });
  await buyer.agent.post(`/api/organisations/${orgOf(buyer)}/members`).send({
    email: `colleague-${Date.now()}@example.test`,
  });
  await supplier.agent.post('/api/auth/sign-out');
}

describe('answers and the OpenAPI document', () => {
  it('match: every status, media type and JSON body of a tender’s whole life is as documented', async () => {
    await exerciseTheApi();
    const check = openApiChecker(t.app.locals.openapi);
    const seen: ObservedResponse[] = recorder.observations;
    const problems = seen.flatMap((o) => check.problems(o));
    expect(problems).toEqual([]);

    // The calls above did reach the routes meant: many routes, successes and refusals.
    const routes = new Set(seen.map((o) => `${o.method} ${check.templateOf(o.path)}`));
    const statuses = new Set(seen.map((o) => o.status));
    expect(routes.size).toBeGreaterThanOrEqual(60);
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404]) {
      expect(statuses).toContain(status);
    }
  }, 240_000);

  it('finds an answer that differs from the document', () => {
    const check = openApiChecker(t.app.locals.openapi);
    expect(
      check.problems({
        method: 'GET',
        path: '/api/health',
        status: 200,
        contentType: 'application/json',
        body: { nothing: 'like it' },
      }),
    ).not.toEqual([]);
    expect(
      check.problems({
        method: 'GET',
        path: '/api/health',
        status: 418,
        contentType: 'application/json',
        body: {},
      }),
    ).toEqual([expect.stringContaining('status 418 is not documented')]);
    expect(
      check.problems({
        method: 'GET',
        path: '/api/me',
        status: 401,
        contentType: 'application/json',
        body: { error: { code: 'not_a_code', message: 'x', details: null } },
      }),
    ).not.toEqual([]);
    expect(
      check.problems({
        method: 'GET',
        path: '/api/nowhere',
        status: 404,
        contentType: 'application/json',
        body: {},
      }),
    ).toEqual([expect.stringContaining('no path of the document matches')]);
  });
});
