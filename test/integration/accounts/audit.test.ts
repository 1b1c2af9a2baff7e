import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { buildOrganisation } from '../../../seed/factories';
import { join, makeAdmin, orgOf, signIn, signUp } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Entry {
  action: string;
  objectType: string;
  objectId: string;
  actorId: string | null;
  organisationId: string | null;
  requestId: string | null;
  summary: Record<string, unknown>;
}

describe('the audit trail', () => {
  it('records every state change with who, for whom, what and the request', async () => {
    const owner = await signUp(t.app);
    const id = orgOf(owner);
    const member = await signUp(t.app, { organisation: null });
    const invite = await owner.agent
      .post(`/api/organisations/${id}/members`)
      .send({ email: member.email });
    await member.agent
      .post('/api/invitations/accept')
      .send({ token: String(invite.body.acceptPath).split('/').pop() })
      .expect(200);
    await owner.agent.patch(`/api/organisations/${id}`).send({ name: 'Audited Trust' }).expect(200);
    await owner.agent.delete(`/api/organisations/${id}/members/${member.me.person.id}`).expect(204);
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);
    const adminSession = await signIn(t.app, admin.email, admin.password);
    await adminSession
      .put(`/api/organisations/${id}/verified`)
      .send({ verified: true })
      .expect(200);

    const res = await adminSession.get(`/api/audit?organisationId=${id}&pageSize=50`);
    expect(res.status).toBe(200);
    const entries = res.body.items as Entry[];
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'organisations.created',
      'memberships.created',
      'invitations.created',
      'memberships.created',
      'organisations.updated',
      'memberships.deleted',
      'organisations.verified',
    ]);
    const update = entries.find((e) => e.action === 'organisations.updated')!;
    expect(update).toEqual(
      expect.objectContaining({
        actorId: owner.me.person.id,
        objectType: 'organisation',
        objectId: id,
      }),
    );
    expect(update.summary).toEqual({ name: { from: expect.any(String), to: 'Audited Trust' } });
    const invited = entries.find((e) => e.action === 'invitations.created')!;
    expect(invited.requestId).toBe(invite.headers['x-request-id']);
    expect(invited.actorId).toBe(owner.me.person.id);
    const accepted = entries.filter((e) => e.action === 'memberships.created')[0]!;
    expect(accepted.actorId).toBe(member.me.person.id);
  });

  it('records sign-up, sign-in, sign-out and password changes against the person', async () => {
    const s = await signUp(t.app, { organisation: null });
    const other = await signIn(t.app, s.email, s.password);
    const org = await other.post('/api/organisations').send(buildOrganisation('supplier'));
    await other.put('/api/me/acting-for').send({ organisationId: org.body.id }).expect(200);
    await other.post('/api/auth/sign-out').expect(204);
    await s.agent
      .post('/api/auth/password')
      .send({ currentPassword: s.password, newPassword: 'another long passphrase' })
      .expect(204);
    const { rows } = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE object_id = ${s.me.person.id} ORDER BY id`.execute(
      t.database.db,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'people.created',
      // The helper's sign-in after sign-up (which opens no session), then `other`'s.
      'sessions.created',
      'sessions.created',
      'sessions.acting_for_changed',
      'sessions.revoked',
      'people.password_changed',
    ]);
  });

  it("shows owners only their organisation's entries, and members none", async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app, { organisation: buildOrganisation('buyer') });
    const mine = await a.agent.get('/api/audit');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(new Set((mine.body.items as Entry[]).map((e) => e.organisationId))).toEqual(
      new Set([orgOf(a)]),
    );
    await a.agent.get(`/api/audit?organisationId=${orgOf(b)}`).expect(403);
    const member = await signUp(t.app, { organisation: null });
    await join(a.agent, orgOf(a), member);
    const asMember = await signIn(t.app, member.email, member.password);
    await asMember.get(`/api/audit?organisationId=${orgOf(a)}`).expect(403);
  });

  it('pages and filters by object and time', async () => {
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);
    const session = await signIn(t.app, admin.email, admin.password);
    const page = await session.get('/api/audit?pageSize=2&page=2');
    expect(page.body).toEqual(expect.objectContaining({ page: 2, pageSize: 2 }));
    expect(page.body.items).toHaveLength(2);
    const future = await session.get(
      `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body.total).toBe(0);
    const byObject = await session.get(
      `/api/audit?objectType=person&objectId=${admin.me.person.id}`,
    );
    expect((byObject.body.items as Entry[]).every((e) => e.objectId === admin.me.person.id)).toBe(
      true,
    );
    await session.get('/api/audit?from=yesterday').expect(400);
  });

  it('cannot be altered through the API', async () => {
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);
    const session = await signIn(t.app, admin.email, admin.password);
    const id = (await session.get('/api/audit')).body.items[0].id as string;
    for (const method of ['put', 'patch', 'delete', 'post'] as const) {
      const res = await session[method](`/api/audit/${id}`).send({ action: 'forged' });
      expect(res.status).toBe(404);
    }
    await session.delete('/api/audit').expect(404);
  });

  it('cannot be altered in the database either', async () => {
    await expect(
      sql`UPDATE audit_log SET action = 'forged'`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
