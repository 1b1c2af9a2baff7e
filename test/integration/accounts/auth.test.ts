import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
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

describe('sign-up', () => {
  it('creates the person and their organisation, makes them owner and signs them in', async () => {
    const body = buildSignUp({
      organisation: buildOrganisation('buyer', { registeredId: 'gb-gor-pc000123' }),
    });
    const agent = request.agent(t.app);
    const res = await agent.post('/api/auth/sign-up').send(body);
    expect(res.status).toBe(201);
    expect(res.body.person).toEqual(
      expect.objectContaining({ email: body.email, name: body.name, isAdmin: false }),
    );
    expect(res.body.organisations).toEqual([
      expect.objectContaining({
        kind: 'buyer',
        buyerSector: 'police',
        registeredId: 'GB-GOR-PC000123',
        role: 'owner',
        verified: false,
        territories: ['E23000029'],
      }),
    ]);
    expect(res.body.actingFor).toBe(res.body.organisations[0].id);
    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.person.email).toBe(body.email);
  });

  it('sets an httpOnly, SameSite=Lax session cookie, Secure only over HTTPS', async () => {
    const plain = await request(t.app).post('/api/auth/sign-up').send(buildSignUp());
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/ia_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // Behind a trusted proxy that terminated TLS.
    const tls = await request(t.app)
      .post('/api/auth/sign-up')
      .set('X-Forwarded-Proto', 'https')
      .send(buildSignUp());
    expect(String(tls.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('refuses an email already taken, whatever its case', async () => {
    const first = buildSignUp();
    await request(t.app).post('/api/auth/sign-up').send(first).expect(201);
    const people = await count('people');
    const res = await request(t.app)
      .post('/api/auth/sign-up')
      .send({ ...buildSignUp(), email: first.email.toUpperCase() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
    expect(await count('people')).toBe(people);
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

  it('refuses an unknown territory and leaves no half-made account behind', async () => {
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
    expect(res.status).toBe(201);
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
    expect(results).toEqual([201, 201, 429]);
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
