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
  return { orgId: body.organisations[0]!.id, call };
}

(run ? describe : describe.skip)('several server processes', () => {
  let first: ServerProcess;
  let second: ServerProcess;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  beforeAll(async () => {
    // A low per-account limit, so that the shared count shows after a handful of guesses.
    const env = {
      DATABASE_URL: databaseUrl!,
      REDIS_URL: redisUrl!,
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: String(GUESSES),
    };
    first = await startServer(env);
    second = await startServer(env);
  });
  afterAll(async () => {
    socket?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('delivers an award made through one process to a client of the other within a second', async () => {
    socket = connect(second.url, { transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await new Promise<JoinAnswer>((resolve) =>
      socket.emit('rooms.join', 'territory:E23000029', resolve),
    );
    expect(joined).toEqual({ ok: true });
    const received: PublishedEvent<'spos.awarded'>[] = [];
    socket.on('spos.awarded', (e) => received.push(e));

    const buyer = await person(first.url, 'buyer');
    const supplier = await person(first.url, 'supplier');
    const provider = await person(first.url, 'provider');
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
      { activityId: activity.id, kind: 'cash', annualPence: 500_000 },
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

    const started = Date.now();
    await buyer.call(`/api/tenders/${draft.id}/award`, 'POST', { spoId: spo.id });
    while (!received.some((e) => e.payload.spoId === spo.id) && Date.now() - started < 1000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(received.map((e) => e.payload.spoId)).toContain(spo.id);
    expect(Date.now() - started).toBeLessThan(1000);
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
