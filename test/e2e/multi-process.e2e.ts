import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  JoinAnswer,
  PublishedEvent,
  ServerToClientEvents,
} from '@shared/events';
import { buildActivity, buildOrganisation, buildSignUp, buildTender } from '../../seed/factories';
import { startServer, type ServerProcess } from '../support/server-process';

// Two processes need a database both can reach and a Redis between them: CI provides both
// (E2E_DATABASE_URL, REDIS_URL); the embedded database is one process's alone.
const databaseUrl = process.env.E2E_DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const run = Boolean(databaseUrl && redisUrl);
const GUESSES = 4;

/** A client of one server: signs up with a new organisation of the given kind, then in. */
async function person(base: string, kind: 'buyer' | 'supplier' | 'provider') {
  const post = (path: string, payload: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  const signUp = buildSignUp({ organisation: buildOrganisation(kind) });
  const accepted = await post('/api/auth/sign-up', signUp);
  if (accepted.status !== 202) throw new Error(`sign-up: ${accepted.status}`);
  const res = await post('/api/auth/sign-in', { email: signUp.email, password: signUp.password });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { organisations: { id: string }[] };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async <T>(path: string, method = 'GET', payload?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { orgId: body.organisations[0]!.id, email: signUp.email, cookie, call };
}

/** A socket.io client of one server, joined to a room. */
async function listen(
  base: string,
  room: string,
): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(base, {
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const joined = await new Promise<JoinAnswer>((resolve) =>
    socket.emit('rooms.join', room, resolve),
  );
  expect(joined).toEqual({ ok: true });
  return socket;
}

/**
 * Through one server: a provider's activity (in Thames Valley, the factories' default), a
 * buyer's open tender there, a supplier's SPO with one cash line on the activity, accepted
 * and submitted, and the tender's closing time moved into the past: ready to award.
 */
async function awardable(base: string, annualPence: number) {
  const buyer = await person(base, 'buyer');
  const supplier = await person(base, 'supplier');
  const provider = await person(base, 'provider');
  const activity = await provider.call<{ id: string }>('/api/activities', 'POST', {
    providerId: provider.orgId,
    ...buildActivity(),
  });
  const draft = await buyer.call<{ id: string }>('/api/tenders', 'POST', {
    buyerId: buyer.orgId,
    ...buildTender(),
  });
  await buyer.call(`/api/tenders/${draft.id}/transition`, 'POST', { status: 'open' });
  const spo = await supplier.call<{ id: string }>(`/api/tenders/${draft.id}/spos`, 'POST', {
    supplierId: supplier.orgId,
  });
  const lined = await supplier.call<{ lines: { id: string }[] }>(
    `/api/spos/${spo.id}/lines`,
    'POST',
    { activityId: activity.id, kind: 'cash', annualPence },
  );
  await provider.call(`/api/spos/${spo.id}/lines/${lined.lines[0]!.id}/response`, 'POST', {
    decision: 'accepted',
  });
  await supplier.call(`/api/spos/${spo.id}/submit`, 'POST');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`UPDATE tenders SET closes_at = now() - interval '1 second' WHERE id = $1`, [
    draft.id,
  ]);
  await db.end();
  return { buyer, tenderId: draft.id, spoId: spo.id };
}

/** Waits until `done()` or `ms` have passed. */
async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!done() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 20));
}

(run ? describe : describe.skip)('several server processes', () => {
  let first: ServerProcess;
  let second: ServerProcess;
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

  beforeAll(async () => {
    // A low per-account limit, so that the shared count shows after a handful of guesses.
    const env = {
      DATABASE_URL: databaseUrl!,
      REDIS_URL: redisUrl!,
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: String(GUESSES),
    };
    first = await startServer(env);
    second = await startServer(env);
    // Each may take startServer's 3 minutes: setup on a fresh PostgreSQL, on a busy machine.
  }, 360_000);
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('delivers an award made through one process to a client of the other within a second', async () => {
    const socket = await listen(second.url, 'territory:E23000029');
    sockets.push(socket);
    const received: PublishedEvent<'spos.awarded'>[] = [];
    socket.on('spos.awarded', (e) => received.push(e));
    const { buyer, tenderId, spoId } = await awardable(first.url, 500_000);

    const started = Date.now();
    await buyer.call(`/api/tenders/${tenderId}/award`, 'POST', { spoId });
    await waitFor(() => received.some((e) => e.payload.spoId === spoId), 1000);
    expect(received.map((e) => e.payload.spoId)).toContain(spoId);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('updates coverage live on the other process: its client hears of it and reads the new figure', async () => {
    const territory = 'E23000029';
    const committed = async () => {
      const res = await fetch(`${second.url}/api/coverage`);
      const all = (await res.json()) as { code: string; committedPence: number }[];
      return all.find((c) => c.code === territory)!.committedPence;
    };
    const { buyer, tenderId, spoId } = await awardable(first.url, 730_000);
    const socket = await listen(second.url, `territory:${territory}`);
    sockets.push(socket);
    const received: PublishedEvent<'coverage.updated'>[] = [];
    socket.on('coverage.updated', (e) => received.push(e));
    const before = await committed();

    const started = Date.now();
    await buyer.call(`/api/tenders/${tenderId}/award`, 'POST', { spoId });
    // At most one coverage event a second per territory: within two of the award.
    await waitFor(() => received.some((e) => e.payload.territory === territory), 2000);
    expect(received.map((e) => e.payload.territory)).toContain(territory);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await committed()).toBe(before + 730_000);
  });

  it('accepts a session made by one process at the other, and a sign-out at either ends it at both', async () => {
    const someone = await person(first.url, 'supplier');
    const me = (base: string) => fetch(`${base}/api/me`, { headers: { cookie: someone.cookie } });
    const there = await me(second.url);
    expect(there.status).toBe(200);
    expect(((await there.json()) as { person: { email: string } }).person.email).toBe(
      someone.email,
    );

    const out = await fetch(`${second.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: someone.cookie },
    });
    expect(out.ok).toBe(true);
    expect((await me(first.url)).status).toBe(401);
    expect((await me(second.url)).status).toBe(401);
  });
  it('counts sign-in guesses across both processes, so two allow what one does', async () => {
    const email = `guessed-${Date.now()}@example.test`;
    const guess = (base: string) =>
      fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'not the right password' }),
      }).then((r) => r.status);
    const answers: number[] = [];
    // Half the allowed guesses at each process: with counts per process, neither would refuse.
    for (let i = 0; i < GUESSES; i += 1) answers.push(await guess(i % 2 ? second.url : first.url));
    expect(answers).toEqual(Array(GUESSES).fill(401));
    expect(await guess(first.url)).toBe(429);
    expect(await guess(second.url)).toBe(429);
  });
});
