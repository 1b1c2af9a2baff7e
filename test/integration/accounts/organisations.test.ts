import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildOrganisation } from '../../../seed/factories';
import { makeAdmin, orgOf, signIn, signUp } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('organisation profiles', () => {
  it('are public, and list by kind and name with a total', async () => {
    const s = await signUp(t.app, {
      organisation: buildOrganisation('provider', { name: 'Zebra Crossing Trust' }),
    });
    const one = await request(t.app).get(`/api/organisations/${orgOf(s)}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(
      expect.objectContaining({ name: 'Zebra Crossing Trust', kind: 'provider', verified: false }),
    );
    expect(Object.keys(one.body).sort()).toEqual([
      'buyerSector',
      'demo',
      'id',
      'kind',
      'name',
      'registeredId',
      'territories',
      'verified',
    ]);
    const list = await request(t.app).get('/api/organisations?kind=provider&q=zebra&pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.objectContaining({ page: 1, pageSize: 5, total: 1 }));
    expect(list.body.items[0].name).toBe('Zebra Crossing Trust');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await request(t.app).get(
      '/api/organisations/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('organisation_not_found');
    const bad = await request(t.app).get('/api/organisations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('lets an owner edit the profile, and refuses a sector for a non-buyer', async () => {
    const s = await signUp(t.app);
    const id = orgOf(s);
    const res = await s.agent
      .patch(`/api/organisations/${id}`)
      .send({ name: 'Renamed Trust', territories: ['W15000001'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ name: 'Renamed Trust', territories: ['W15000001'] }),
    );
    const sector = await s.agent.patch(`/api/organisations/${id}`).send({ buyerSector: 'nhs' });
    expect(sector.status).toBe(400);
    const kind = await s.agent.patch(`/api/organisations/${id}`).send({ kind: 'buyer' });
    expect(kind.status).toBe(400);
    expect((await request(t.app).get(`/api/organisations/${id}`)).body.kind).toBe('provider');
  });

  it('is verified only by an administrator', async () => {
    const s = await signUp(t.app);
    const id = orgOf(s);
    await s.agent.put(`/api/organisations/${id}/verified`).send({ verified: true }).expect(403);
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);
    const res = await admin.agent.put(`/api/organisations/${id}/verified`).send({ verified: true });
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
  });
});

describe('members', () => {
  it('adds a person who has an account at once, and invites one who has not', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const existing = await signUp(t.app, { organisation: null });
    await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: existing.email })
      .expect(201);
    const res = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: 'Later@Example.test', role: 'owner' });
    expect(res.status).toBe(201);
    expect(res.body.members.map((m: { email: string }) => m.email).sort()).toEqual(
      [existing.email, owner.email].sort(),
    );
    expect(res.body.invitations).toEqual([
      expect.objectContaining({ email: 'later@example.test', role: 'owner' }),
    ]);

    const again = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: existing.email });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_member');

    const later = await signUp(t.app, {
      organisation: null,
      person: { email: 'later@example.test' },
    });
    expect(later.me.organisations).toEqual([expect.objectContaining({ id, role: 'owner' })]);
    expect(later.me.actingFor).toBe(id);
  });

  it('lets a person belong to several organisations and choose which one they act for', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app, { organisation: buildOrganisation('supplier') });
    await b.agent
      .post(`/api/organisations/${orgOf(b)}/members`)
      .send({ email: a.email })
      .expect(201);
    const me = await a.agent.get('/api/me');
    expect(me.body.organisations).toHaveLength(2);
    expect(me.body.actingFor).toBe(orgOf(a));
    const switched = await a.agent.put('/api/me/acting-for').send({ organisationId: orgOf(b) });
    expect(switched.status).toBe(200);
    expect(switched.body.actingFor).toBe(orgOf(b));
    expect((await a.agent.get('/api/me')).body.actingFor).toBe(orgOf(b));
    const stranger = await signUp(t.app);
    await a.agent
      .put('/api/me/acting-for')
      .send({ organisationId: orgOf(stranger) })
      .expect(403);
  });

  it('never removes the last owner, and a removed member loses access at once', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const last = await owner.agent.delete(`/api/organisations/${id}/members/${owner.me.person.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_owner');

    const member = await signUp(t.app, { organisation: null });
    await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: member.email })
      .expect(201);
    const session = await signIn(t.app, member.email, member.password);
    await session.get(`/api/organisations/${id}/members`).expect(200);
    await owner.agent.delete(`/api/organisations/${id}/members/${member.me.person.id}`).expect(204);
    await session.get(`/api/organisations/${id}/members`).expect(403);
    expect((await session.get('/api/me')).body.actingFor).toBeNull();
    await owner.agent.delete(`/api/organisations/${id}/members/${member.me.person.id}`).expect(404);
  });

  it('refuses a member from managing members', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const member = await signUp(t.app, { organisation: null });
    await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: member.email })
      .expect(201);
    const session = await signIn(t.app, member.email, member.password);
    await session
      .post(`/api/organisations/${id}/members`)
      .send({ email: 'friend@example.test' })
      .expect(403);
    await session.delete(`/api/organisations/${id}/members/${owner.me.person.id}`).expect(403);
    const members = await owner.agent.get(`/api/organisations/${id}/members`);
    expect(members.body.invitations).toEqual([]);
    expect(members.body.members).toHaveLength(2);
  });
});

describe('creating with an Idempotency-Key', () => {
  it('creates once and answers a retry with the first answer', async () => {
    const s = await signUp(t.app);
    const body = buildOrganisation('supplier');
    const first = await s.agent.post('/api/organisations').set('Idempotency-Key', 'k-1').send(body);
    const retry = await s.agent.post('/api/organisations').set('Idempotency-Key', 'k-1').send(body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const found = await request(t.app).get(`/api/organisations?q=${encodeURIComponent(body.name)}`);
    expect(found.body.total).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    const s = await signUp(t.app);
    await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-2')
      .send(buildOrganisation())
      .expect(201);
    const other = await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-2')
      .send(buildOrganisation());
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('does not keep a failed attempt, so it can be retried', async () => {
    const s = await signUp(t.app);
    const bad = buildOrganisation('provider', { territories: ['E23000029'] });
    await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-3')
      .send({ ...bad, territories: ['E23000098'] })
      .expect(400);
    await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-3')
      .send({ ...bad, territories: ['E23000098'] })
      .expect(400);
  });
});
