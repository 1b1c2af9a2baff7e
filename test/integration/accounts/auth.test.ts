import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import type { Logger } from '../../../server/src/lib/logger';
import { buildOrganisation, buildSignUp } from '../../../seed/factories';
import { signIn, signUp } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'people' | 'organisations' | 'sessions') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What a sign-up answers whatever the email: the one body, and no session. */
const ACCEPTED = {
  status: 'accepted',
  message: expect.stringContaining('sign in'),
};

// Headers that differ between any two requests (the clock, the request, the rate-limit count).
const VOLATILE = new Set(['date', 'x-request-id', 'ratelimit', 'ratelimit-policy']);
const steadyHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !VOLATILE.has(name)));

describe('sign-up', () => {
  it('creates the person and their organisation, who then signs in as its owner', async () => {
    const body = buildSignUp({
      organisation: buildOrganisation('buyer', { registeredId: 'gb-gor-pc000123' }),
    });
    const agent = request.agent(t.app);
    const res = await agent.post('/api/auth/sign-up').send(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual(ACCEPTED);
    expect(res.headers['set-cookie']).toBeUndefined();
    await agent.get('/api/me').expect(401);

    const signedIn = await agent
      .post('/api/auth/sign-in')
      .send({ email: body.email, password: body.password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.person).toEqual(
      expect.objectContaining({ email: body.email, name: body.name, isAdmin: false }),
    );
    expect(signedIn.body.organisations).toEqual([
      expect.objectContaining({
        kind: 'buyer',
        buyerSector: 'police',
        registeredId: 'GB-GOR-PC000123',
        role: 'owner',
        verified: false,
        territories: ['E23000029'],
      }),
    ]);
    expect(signedIn.body.actingFor).toBe(signedIn.body.organisations[0].id);
    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.person.email).toBe(body.email);
  });

  it('answers an email that has an account exactly as a new one, whatever its case, and creates nothing', async () => {
    const owner = await signUp(t.app);
    const fresh = await request(t.app).post('/api/auth/sign-up').send(buildSignUp());
    const before = await Promise.all([count('people'), count('organisations')]);
    const other = 'someone else’s passphrase';
    const again = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...buildSignUp(), email: owner.email.toUpperCase(), password: other });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(fresh.headers['set-cookie']).toBeUndefined();
    expect(steadyHeaders(again.headers)).toEqual(steadyHeaders(fresh.headers));
    expect(await Promise.all([count('people'), count('organisations')])).toEqual(before);
    // The account is as it was: its own password still opens it, the one just sent does not.
    const me = await (await signIn(t.app, owner.email, owner.password)).get('/api/me');
    expect(me.body).toEqual(owner.me);
    await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: owner.email, password: other })
      .expect(401);
  });

  it('logs and audits a sign-up with an existing email, for its owner, never with the password', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = {
      info: (message, fields) => logged.push({ message, fields }),
      error: (message, fields) => logged.push({ message, fields }),
    };
    const own = await createTestApp({ logger });
    try {
      const owner = await signUp(own.app);
      const attempt = { ...buildSignUp(), email: owner.email, password: 'a secret nobody logs' };
      const res = await request(own.app).post('/api/auth/sign-up').send(attempt);
      expect(res.status).toBe(202);
      expect(logged).toEqual([
        {
          message: 'sign-up with an email that already has an account',
          fields: expect.objectContaining({
            personId: owner.me.person.id,
            requestId: res.headers['x-request-id'],
            owner: expect.stringMatching(/told by email/),
          }),
        },
      ]);
      expect(JSON.stringify(logged)).not.toContain(attempt.password);
      expect(JSON.stringify(logged)).not.toContain(owner.password);
      const { rows } = await sql<{ action: string; actor_id: string | null; request_id: string }>`
        SELECT action, actor_id, request_id FROM audit_log
        WHERE object_id = ${owner.me.person.id} ORDER BY id`.execute(own.database.db);
      expect(rows.at(-1)).toEqual({
        action: 'people.sign_up_with_existing_email',
        actor_id: null,
        request_id: res.headers['x-request-id'],
      });
    } finally {
      await own.close();
    }
  });

  it('gives simultaneous sign-ups with one new email the same answer, and makes one account', async () => {
    const body = buildSignUp();
    const before = await Promise.all([count('people'), count('organisations')]);
    // Each with an organisation of its own: only the one whose person is made gets one.
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        request(t.app)
          .post('/api/auth/sign-up')
          .send({ ...body, organisation: buildOrganisation('supplier') }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    for (const r of answers) {
      expect(r.body).toEqual(answers[0]!.body);
      expect(steadyHeaders(r.headers)).toEqual(steadyHeaders(answers[0]!.headers));
    }
    expect(await Promise.all([count('people'), count('organisations')])).toEqual([
      before[0] + 1,
      before[1] + 1,
    ]);
    const signedIn = await signIn(t.app, body.email, body.password);
    const me = await signedIn.get('/api/me');
    expect(me.body.organisations).toHaveLength(1);
    const { rows } = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE object_id = ${me.body.person.id}
      AND action LIKE 'people.%' ORDER BY id`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual([
      'people.created',
      'people.sign_up_with_existing_email',
      'people.sign_up_with_existing_email',
      'people.sign_up_with_existing_email',
    ]);
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    [
      'a buyer without a sector',
      { organisation: { kind: 'buyer', name: 'Some buyer' } },
      'organisation.buyerSector',
    ],
    [
      'a supplier with a sector',
      { organisation: { kind: 'supplier', name: 'Supplies Ltd', buyerSector: 'nhs' } },
      'organisation',
    ],
    [
      'a one-letter organisation name',
      { organisation: { kind: 'supplier', name: 'S' } },
      'organisation.name',
    ],
    [
      'a malformed registered id',
      { organisation: { kind: 'provider', name: 'P Trust', registeredId: '12345' } },
      'organisation.registeredId',
    ],
  ])('refuses %s with validation_failed and creates nothing', async (_case, override, field) => {
    const before = await Promise.all([count('people'), count('organisations')]);
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...buildSignUp(), ...override });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await Promise.all([count('people'), count('organisations')])).toEqual(before);
  });

  it.each([
    ['a common password', 'password1234'],
    ['twelve spaces', ' '.repeat(12)],
    ['a keyboard run', 'qwertyuiop12'],
    ['one repeated letter', 'aaaaaaaaaaaa'],
  ])(
    'refuses %s as too easy to guess, saying why, and creates nothing',
    async (_case, password) => {
      const before = await count('people');
      const res = await request(t.app)
        .post('/api/auth/sign-up')
        .send({ ...buildSignUp(), password });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual([
        { path: 'password', message: expect.stringMatching(/easy to guess|not spaces/) },
      ]);
      expect(await count('people')).toBe(before);
    },
  );

  it('refuses a weak password for an email that has an account just as for a new one', async () => {
    const owner = await signUp(t.app);
    const answers = await Promise.all(
      [owner.email, buildSignUp().email].map((email) =>
        request(t.app)
          .post('/api/auth/sign-up')
          .send({ ...buildSignUp(), email, password: 'password1234' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([400, 400]);
    expect(answers[0]!.body.error.details).toEqual(answers[1]!.body.error.details);
    expect(answers[0]!.body.error.message).toBe('Choose a password that is harder to guess');
  });

  it('refuses a password made of the person’s own name and email', async () => {
    const body = buildSignUp({
      name: 'Jonathan Blackwood',
      email: 'jonathan.blackwood@example.test',
    });
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...body, password: 'jonathanblackwood' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('password');
  });

  it('refuses an unknown territory, for a new email or an existing one, and leaves no half-made account behind', async () => {
    const owner = await signUp(t.app);
    const before = await Promise.all([count('people'), count('organisations')]);
    const body = buildSignUp({
      organisation: buildOrganisation('provider', { territories: ['E23000099'] }),
    });
    const res = await request(t.app).post('/api/auth/sign-up').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/E23000099/);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'organisation.territories' }),
    ]);
    const existing = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...body, email: owner.email });
    expect(existing.status).toBe(400);
    expect(existing.body.error).toEqual({ ...res.body.error, requestId: expect.any(String) });
    expect(await Promise.all([count('people'), count('organisations')])).toEqual(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...buildSignUp(), name: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('sign-in and sign-out', () => {
  it('sets an httpOnly, SameSite=Lax session cookie, Secure only over HTTPS', async () => {
    const s = await signUp(t.app);
    const credentials = { email: s.email, password: s.password };
    const plain = await request(t.app).post('/api/auth/sign-in').send(credentials);
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/ia_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // Behind a trusted proxy that terminated TLS.
    const tls = await request(t.app)
      .post('/api/auth/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .send(credentials);
    expect(String(tls.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const s = await signUp(t.app);
    const unknown = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: 'nobody@example.test', password: s.password });
    const wrong = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('signs in with the email in any case', async () => {
    const s = await signUp(t.app);
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email.toUpperCase(), password: s.password });
    expect(res.status).toBe(200);
    expect(res.body.person.email).toBe(s.email);
  });

  it('answers 401 on /api/me when signed out', async () => {
    const res = await request(t.app).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('revokes the session on sign-out, so the old cookie no longer works', async () => {
    const s = await signUp(t.app);
    const cookie = String(
      (
        await request(t.app)
          .post('/api/auth/sign-in')
          .send({ email: s.email, password: s.password })
      ).headers['set-cookie'],
    ).split(';')[0]!;
    await request(t.app).get('/api/me').set('Cookie', cookie).expect(200);
    await request(t.app).post('/api/auth/sign-out').set('Cookie', cookie).expect(204);
    const after = await request(t.app).get('/api/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
  });
});

describe('sessions', () => {
  async function sessionCookie() {
    const s = await signUp(t.app);
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email, password: s.password });
    return { s, cookie: String(res.headers['set-cookie']).split(';')[0]! };
  }

  it('expire after the idle time', async () => {
    const { s, cookie } = await sessionCookie();
    await request(t.app).get('/api/me').set('Cookie', cookie).expect(200);
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 61 * 60_000) })
      .where('person_id', '=', s.me.person.id)
      .execute();
    await request(t.app).get('/api/me').set('Cookie', cookie).expect(401);
  });

  it('expire at the absolute time, however active', async () => {
    const { s, cookie } = await sessionCookie();
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() })
      .where('person_id', '=', s.me.person.id)
      .execute();
    await request(t.app).get('/api/me').set('Cookie', cookie).expect(401);
  });

  it('are all revoked by a password change, which opens a new one for the client that made it', async () => {
    const s = await signUp(t.app);
    const other = await signIn(t.app, s.email, s.password);
    await other.get('/api/me').expect(200);
    const res = await s.agent
      .post('/api/auth/password')
      .send({ currentPassword: s.password, newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(204);
    await other.get('/api/me').expect(401);
    await s.agent.get('/api/me').expect(200);
    await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email, password: s.password })
      .expect(401);
    await signIn(t.app, s.email, 'a brand new passphrase');
  });

  it('refuses a weak new password and keeps the old one and every session', async () => {
    const s = await signUp(t.app);
    const res = await s.agent
      .post('/api/auth/password')
      .send({ currentPassword: s.password, newPassword: 'password1234' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'newPassword', message: expect.stringContaining('easy to guess') },
    ]);
    await s.agent.get('/api/me').expect(200);
    await signIn(t.app, s.email, s.password);
  });

  it('refuses a password change with the wrong current password', async () => {
    const s = await signUp(t.app);
    const res = await s.agent
      .post('/api/auth/password')
      .send({ currentPassword: 'wrong one', newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(401);
    await s.agent.get('/api/me').expect(200);
  });

  it('ignores a forged or oversized cookie', async () => {
    await request(t.app).get('/api/me').set('Cookie', 'ia_session=forged').expect(401);
    await request(t.app)
      .get('/api/me')
      .set('Cookie', `ia_session=${'a'.repeat(5000)}`)
      .expect(401);
  });
});

describe('cross-origin requests', () => {
  it('refuses a state change sent from another site, and changes nothing', async () => {
    const before = await count('people');
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .set('Origin', 'https://evil.example')
      .send(buildSignUp());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin_refused');
    expect(await count('people')).toBe(before);
  });

  it('refuses one marked cross-site by the browser even without Origin', async () => {
    const s = await signUp(t.app);
    const res = await s.agent.post('/api/auth/sign-out').set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
    await s.agent.get('/api/me').expect(200);
  });

  it('accepts the same origin, and reads from anywhere', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .set('Host', 'atlas.example')
      .set('Origin', 'http://atlas.example')
      .send(buildSignUp());
    expect(res.status).toBe(202);
    await request(t.app)
      .get('/api/territories/locate?lon=-1.26&lat=51.75')
      .set('Origin', 'https://evil.example')
      .expect(200);
  });
});

describe('rate limits', () => {
  // A fresh app (and counters) for each test, so that no test spends another's allowance.
  let limited: TestApp;
  beforeEach(async () => {
    limited = await createTestApp({
      rateLimits: { signInPerIp: 6, signInPerAccount: 3, signUpPerIp: 2, windowMinutes: 15 },
    });
  });
  afterEach(() => limited.close());

  it('stop guessing one account after the failures allowed, with Retry-After', async () => {
    const s = await signUp(limited.app);
    const attempt = () =>
      request(limited.app)
        .post('/api/auth/sign-in')
        .send({ email: s.email, password: 'guess guess guess' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused until the window passes.
    const right = await request(limited.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email, password: s.password });
    expect(right.status).toBe(429);
  });

  it('stop guessing the current password from a signed-in session', async () => {
    const s = await signUp(limited.app, { organisation: null });
    const attempt = () =>
      s.agent
        .post('/api/auth/password')
        .send({ currentPassword: 'guess guess guess', newPassword: 'a brand new passphrase' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  it('do not let failures from another address lock an account out', async () => {
    const s = await signUp(limited.app, { organisation: null });
    const from = (ip: string, password: string) =>
      request(limited.app)
        .post('/api/auth/sign-in')
        .set('X-Forwarded-For', ip)
        .send({ email: s.email, password });
    for (let i = 0; i < 4; i += 1) await from('203.0.113.9', 'guess guess guess');
    expect((await from('203.0.113.9', s.password)).status).toBe(429);
    expect((await from('198.51.100.7', s.password)).status).toBe(200);
  });

  it('limit sign-ups and sign-ins per address', async () => {
    const results = [];
    for (let i = 0; i < 3; i += 1)
      results.push(
        (await request(limited.app).post('/api/auth/sign-up').send(buildSignUp())).status,
      );
    expect(results).toEqual([202, 202, 429]);
    const statuses = [];
    // Different accounts, one address: only the per-address limit applies.
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (
          await request(limited.app)
            .post('/api/auth/sign-in')
            .send({ email: `x${i}@example.test`, password: 'whatever it is' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});
