import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import { buildOrganisation } from '../../../seed/factories';
import { join, makeAdmin, orgOf, signIn, signUp } from '../../support/accounts';
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
  it('joins nobody without consent: an invitation waits for its invitee to accept it', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const invitee = await signUp(t.app, { organisation: null });
    const res = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: invitee.email.toUpperCase(), role: 'owner' });
    expect(res.status).toBe(201);
    expect(res.body.invitation).toEqual(
      expect.objectContaining({ email: invitee.email, role: 'owner' }),
    );
    const token = String(res.body.acceptPath).replace('/invitations/', '');
    expect(token.length).toBeGreaterThanOrEqual(20);

    // Invited is not joined, and the answer is the same whether the email has an account.
    expect((await invitee.agent.get('/api/me')).body.organisations).toEqual([]);
    const unknown = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: 'nobody-yet@example.test' });
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(res.body).sort());
    const members = await owner.agent.get(`/api/organisations/${id}/members`);
    expect(members.body.members).toHaveLength(1);
    expect(members.body.invitations.map((i: { email: string }) => i.email).sort()).toEqual(
      ['nobody-yet@example.test', invitee.email].sort(),
    );

    const accepted = await invitee.agent.post('/api/invitations/accept').send({ token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.id).toBe(id);
    expect((await invitee.agent.get('/api/me')).body.organisations).toEqual([
      expect.objectContaining({ id, role: 'owner' }),
    ]);
    // One use only.
    await invitee.agent.post('/api/invitations/accept').send({ token }).expect(404);
    const again = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: invitee.email });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_member');
  });

  it('lets no administrator bring themselves into an organisation, nor read its sealed bids that way', async () => {
    const owner = await signUp(t.app, { organisation: buildOrganisation('supplier') });
    const id = orgOf(owner);
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);

    const invite = await admin.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: admin.email, role: 'owner' });
    expect(invite.status).toBe(403);
    expect(invite.body.error.code).toBe('forbidden');
    const edit = await admin.agent.patch(`/api/organisations/${id}`).send({ name: 'Taken over' });
    expect(edit.status).toBe(403);

    // Nor through an invitation an owner sent once, after that owner stopped being one.
    const sent = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: admin.email, role: 'member' });
    expect(sent.status).toBe(201);
    await t.database.db
      .updateTable('memberships')
      .set({ role: 'member' })
      .where('organisation_id', '=', id)
      .where('person_id', '=', owner.me.person.id)
      .execute();
    const token = String(sent.body.acceptPath).replace('/invitations/', '');
    const accepted = await admin.agent.post('/api/invitations/accept').send({ token });
    expect(accepted.status).toBe(404);
    expect((await admin.agent.get('/api/me')).body.organisations).toEqual([]);

    // What administrators do keep: verifying, and reading members and the audit trail.
    await admin.agent.put(`/api/organisations/${id}/verified`).send({ verified: true }).expect(200);
    await admin.agent.get(`/api/organisations/${id}/members`).expect(200);
  });

  it('refuses an invitation to anyone but the invited email, and an expired one', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const res = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: 'target@example.test' });
    const token = String(res.body.acceptPath).replace('/invitations/', '');
    const thief = await signUp(t.app, { organisation: null });
    const stolen = await thief.agent.post('/api/invitations/accept').send({ token });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('invitation_not_found');
    expect((await thief.agent.get('/api/me')).body.organisations).toEqual([]);

    const target = await signUp(t.app, {
      organisation: null,
      person: { email: 'target@example.test' },
    });
    expect(target.me.organisations).toEqual([]);
    await t.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'target@example.test')
      .execute();
    await target.agent.post('/api/invitations/accept').send({ token }).expect(404);
  });

  it('lets a person belong to several organisations and choose which one they act for', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app, { organisation: buildOrganisation('supplier') });
    await join(b.agent, orgOf(b), a);
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
    await join(owner.agent, id, member);
    const session = await signIn(t.app, member.email, member.password);
    await session.get(`/api/organisations/${id}/members`).expect(200);
    await owner.agent.delete(`/api/organisations/${id}/members/${member.me.person.id}`).expect(204);
    await session.get(`/api/organisations/${id}/members`).expect(403);
    expect((await session.get('/api/me')).body.actingFor).toBeNull();
    await owner.agent.delete(`/api/organisations/${id}/members/${member.me.person.id}`).expect(404);
  });

  it('lets a member leave, but not remove anyone else or invite', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const member = await signUp(t.app, { organisation: null });
    await join(owner.agent, id, member);
    await member.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: 'friend@example.test' })
      .expect(403);
    await member.agent.delete(`/api/organisations/${id}/members/${owner.me.person.id}`).expect(403);
    expect((await owner.agent.get(`/api/organisations/${id}/members`)).body.invitations).toEqual(
      [],
    );
    await member.agent
      .delete(`/api/organisations/${id}/members/${member.me.person.id}`)
      .expect(204);
    expect((await member.agent.get('/api/me')).body.organisations).toEqual([]);
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

  it('checks permission again before replaying an answer', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const coOwner = await signUp(t.app, { organisation: null });
    await join(owner.agent, id, coOwner, 'owner');
    const send = () =>
      coOwner.agent
        .post(`/api/organisations/${id}/members`)
        .set('Idempotency-Key', 'k-4')
        .send({ email: 'x@example.test' });
    expect((await send()).status).toBe(201);
    await owner.agent
      .delete(`/api/organisations/${id}/members/${coOwner.me.person.id}`)
      .expect(204);
    const replay = await send();
    expect(replay.status).toBe(403);
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a key after a day', async () => {
    const s = await signUp(t.app);
    const first = await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-5')
      .send(buildOrganisation());
    await sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'k-5'`.execute(
      t.database.db,
    );
    const next = await s.agent
      .post('/api/organisations')
      .set('Idempotency-Key', 'k-5')
      .send(buildOrganisation());
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(first.body.id);
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
