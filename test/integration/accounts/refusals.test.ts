import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { makeAdmin, orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let owner: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.app);
  admin = await signUp(t.app, { organisation: null });
  await makeAdmin(t.database, admin.me.person.id);
});
afterAll(() => t.close());

/** Each malformed request is refused with 400 validation_failed, naming the field. */
it.each([
  [
    'an acting-for id that is no uuid',
    'put',
    '/api/me/acting-for',
    { organisationId: 'abc' },
    'organisationId',
  ],
  [
    'an invitation token too short to be one',
    'post',
    '/api/invitations/accept',
    { token: 'short' },
    'token',
  ],
  ['a verified flag that is no boolean', 'put', ':org/verified', { verified: 'yes' }, 'verified'],
  ['a member id that is no uuid', 'delete', ':org/members/42', undefined, 'personId'],
  ['an empty organisation name', 'patch', ':org', { name: ' ' }, 'name'],
  ['a page size over 100', 'get', '/api/organisations?pageSize=101', undefined, 'pageSize'],
  ['a kind that does not exist', 'get', '/api/organisations?kind=charity', undefined, 'kind'],
  [
    'an audit organisation id that is no uuid',
    'get',
    '/api/audit?organisationId=1',
    undefined,
    'organisationId',
  ],
  [
    'a member role that does not exist',
    'post',
    ':org/members',
    { email: 'a@example.test', role: 'boss' },
    'role',
  ],
] as const)('refuses %s', async (_case, method, path, body, field) => {
  const url = path.startsWith(':org')
    ? path.replace(':org', `/api/organisations/${orgOf(owner)}`)
    : path;
  const agent = path.includes('audit') || path.includes('verified') ? admin.agent : owner.agent;
  const req = agent[method](url);
  const res = body === undefined ? await req : await req.send(body);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
});

it.each([
  ['a profile edit', 'patch', '', { name: 'Nobody Trust' }],
  ['a verification', 'put', '/verified', { verified: true }],
  ['a members list', 'get', '/members', undefined],
  ['an invitation', 'post', '/members', { email: 'a@example.test' }],
  ['a removal', 'delete', `/members/00000000-0000-4000-8000-000000000001`, undefined],
] as const)(
  'answers 404 organisation_not_found to %s for an unknown organisation',
  async (_case, method, suffix, body) => {
    const req = admin.agent[method](
      `/api/organisations/00000000-0000-4000-8000-000000000000${suffix}`,
    );
    const res = body === undefined ? await req : await req.send(body);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('organisation_not_found');
  },
);

it('refuses an unknown field on a profile edit, naming it', async () => {
  const res = await owner.agent
    .patch(`/api/organisations/${orgOf(owner)}`)
    .send({ verified: true });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.message).toMatch(/verified/);
});

it('changes nothing when it refuses', async () => {
  const before = await request(t.app).get(`/api/organisations/${orgOf(owner)}`);
  await owner.agent
    .patch(`/api/organisations/${orgOf(owner)}`)
    .send({ name: 'New name', verified: true })
    .expect(400);
  const after = await request(t.app).get(`/api/organisations/${orgOf(owner)}`);
  expect(after.body).toEqual(before.body);
});
