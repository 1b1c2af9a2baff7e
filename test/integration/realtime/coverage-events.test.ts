import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { JoinAnswer, PublishedEvent, RealtimeTopic } from '@shared/events';
import type { SignUp } from '@shared/schemas/accounts';
import type { ActivityView } from '@shared/schemas/activities';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import type { App } from '../../../server/src/app';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { createOutboxRepo } from '../../../server/src/features/outbox/outbox.repo';
import {
  buildActivity,
  buildOrganisation,
  buildSignUp,
  buildTender,
} from '../../../seed/factories';
import { join as joinOrganisation, verifyEmail, type SignedIn } from '../../support/accounts';
import {
  startRealtimeServer,
  type ClientSocket,
  type RealtimeTestServer,
} from '../../support/realtime-server';

let rt: RealtimeTestServer;
let database: DatabaseHandle;
let app: App;
let server: http.Server;

interface Person {
  agent: TestAgent;
  cookie: string;
  orgId: string;
}

/** Signs up, then in (sign-up opens no session), in a cookie jar of its own. */
async function signUpAndIn(agent: TestAgent, body: SignUp) {
  await agent.post('/api/auth/sign-up').send(body).expect(202);
  // Confirmed as its owner would, from the emailed link: only a confirmed address joins.
  await verifyEmail(app, database, body.email);
  return agent
    .post('/api/auth/sign-in')
    .send({ email: body.email, password: body.password })
    .expect(200);
}

async function person(kind: 'buyer' | 'supplier' | 'provider'): Promise<Person> {
  const agent = request.agent(server);
  const res = await signUpAndIn(agent, buildSignUp({ organisation: buildOrganisation(kind) }));
  return {
    agent,
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    orgId: res.body.organisations[0].id,
  };
}

const socketFor = (who: Person | null): Promise<ClientSocket> => rt.socket(who?.cookie);

const join = (socket: ClientSocket, room: string) =>
  new Promise<JoinAnswer>((resolve) => socket.emit('rooms.join', room, resolve));

/** Events of a topic a socket receives within `ms`. */
function collect<T extends RealtimeTopic>(socket: ClientSocket, topic: T) {
  const got: PublishedEvent<T>[] = [];
  const listen = socket.on.bind(socket) as (
    topic: T,
    listener: (event: PublishedEvent<T>) => void,
  ) => void;
  listen(topic, (e) => got.push(e));
  return got;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let buyer: Person;
let supplier: Person;
let provider: Person;
let activity: ActivityView;

/** A closed tender with one submitted SPO on `activity`, ready to award. */
async function readyToAward(): Promise<{ tender: TenderView; spo: SpoView }> {
  const created = await buyer.agent
    .post('/api/tenders')
    .send({ buyerId: buyer.orgId, ...buildTender() });
  const tender = (
    await buyer.agent.post(`/api/tenders/${created.body.id}/transition`).send({ status: 'open' })
  ).body as TenderView;
  const spo = (
    await supplier.agent.post(`/api/tenders/${tender.id}/spos`).send({ supplierId: supplier.orgId })
  ).body as SpoView;
  const lined = (
    await supplier.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activity.id, kind: 'cash', annualPence: 500_000 })
  ).body as SpoView;
  await provider.agent
    .post(`/api/spos/${spo.id}/lines/${lined.lines[0]!.id}/response`)
    .send({ decision: 'accepted' });
  await supplier.agent.post(`/api/spos/${spo.id}/submit`);
  await database.db
    .updateTable('tenders')
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', tender.id)
    .execute();
  return { tender, spo };
}

beforeAll(async () => {
  rt = await startRealtimeServer();
  ({ database, app, server } = rt);
  buyer = await person('buyer');
  supplier = await person('supplier');
  provider = await person('provider');
  activity = (
    await provider.agent
      .post('/api/activities')
      .send({ providerId: provider.orgId, ...buildActivity() })
  ).body as ActivityView;
});
afterAll(() => rt.close());

describe('joining rooms', () => {
  it('lets anyone into a territory room, members into their organisation’s, the buyer into its tender’s', async () => {
    const anonymous = await socketFor(null);
    expect(await join(anonymous, 'territory:E23000029')).toEqual({ ok: true });
    expect(await join(anonymous, 'territory:X99')).toMatchObject({ ok: false });
    expect(await join(anonymous, `org:${buyer.orgId}`)).toMatchObject({ ok: false });
    expect(await join(anonymous, 'person:whatever')).toMatchObject({ ok: false });

    const supplierSocket = await socketFor(supplier);
    expect(await join(supplierSocket, `org:${supplier.orgId}`)).toEqual({ ok: true });
    expect(await join(supplierSocket, `org:${buyer.orgId}`)).toMatchObject({ ok: false });

    const { tender } = await readyToAward();
    expect(await join(supplierSocket, `tender:${tender.id}`)).toMatchObject({ ok: false });
    const buyerSocket = await socketFor(buyer);
    expect(await join(buyerSocket, `tender:${tender.id}`)).toEqual({ ok: true });
  });
});

describe('an award, in real time', () => {
  it('reaches the territory’s room after commit within a second, and no other territory', async () => {
    const watcher = await socketFor(null);
    await join(watcher, 'territory:E23000029');
    const elsewhere = await socketFor(null);
    await join(elsewhere, 'territory:E23000001');
    const awarded = collect(watcher, 'spos.awarded');
    const coverage = collect(watcher, 'coverage.updated');
    const wrong = collect(elsewhere, 'spos.awarded');

    const { tender, spo } = await readyToAward();
    const started = Date.now();
    const res = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: spo.id });
    expect(res.status).toBe(200);
    while (awarded.length === 0 && Date.now() - started < 1000) await settle(20);
    expect(awarded).toHaveLength(1);
    expect(awarded[0]!.payload).toMatchObject({ spoId: spo.id, territory: 'E23000029' });
    expect(Date.now() - started).toBeLessThan(1000);
    await settle(1200);
    expect(coverage.map((e) => e.payload.territory)).toContain('E23000029');
    expect(wrong).toEqual([]);
  });

  it("tells the tender's buyer in its tender room, and no supplier", async () => {
    const { tender, spo } = await readyToAward();
    const buyerSocket = await socketFor(buyer);
    expect(await join(buyerSocket, `tender:${tender.id}`)).toEqual({ ok: true });
    const heard = collect(buyerSocket, 'tenders.awarded');
    const supplierSocket = await socketFor(supplier);
    expect(await join(supplierSocket, `tender:${tender.id}`)).toMatchObject({ ok: false });
    const overheard = collect(supplierSocket, 'tenders.awarded');

    const res = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: spo.id });
    expect(res.status).toBe(200);
    const started = Date.now();
    while (heard.length === 0 && Date.now() - started < 2000) await settle(20);
    expect(heard.map((e) => e.payload)).toEqual([{ tenderId: tender.id, spoId: spo.id }]);
    expect(overheard).toEqual([]);
  });

  it('writes no event for an award that is refused', async () => {
    const outbox = createOutboxRepo(database.db);
    const { tender, spo } = await readyToAward();
    await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: spo.id });
    const before = await outbox.count();
    const again = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: spo.id });
    expect(again.status).toBe(409);
    expect(await outbox.count()).toBe(before);
  });

  it('lets a client that was away catch up on what it missed, without duplicates', async () => {
    const watcher = await socketFor(null);
    await join(watcher, 'territory:E23000029');
    const seen = collect(watcher, 'spos.awarded');
    const first = await readyToAward();
    await buyer.agent.post(`/api/tenders/${first.tender.id}/award`).send({ spoId: first.spo.id });
    while (seen.length === 0) await settle(20);
    const lastSeen = seen.at(-1)!.eventId;

    watcher.disconnect();
    const missed = await readyToAward();
    await buyer.agent.post(`/api/tenders/${missed.tender.id}/award`).send({ spoId: missed.spo.id });
    await settle(100);

    const back = await socketFor(null);
    await join(back, 'territory:E23000029');
    const caught = await new Promise<PublishedEvent[]>((resolve) =>
      back.emit('events.since', lastSeen, resolve),
    );
    const awards = caught.filter((e) => e.topic === 'spos.awarded');
    expect(awards.map((e) => e.payload.spoId)).toEqual([missed.spo.id]);
    const ids = caught.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id > lastSeen)).toBe(true);
  });
});

describe('other events, and who gets them', () => {
  it('tells a territory’s room of an activity listed there, after commit, and writes nothing for a refused one', async () => {
    const watcher = await socketFor(null);
    await join(watcher, 'territory:E23000029');
    const updated = collect(watcher, 'activities.updated');
    const outbox = createOutboxRepo(database.db);

    const before = await outbox.count();
    const refused = await provider.agent
      .post('/api/activities')
      .send({ providerId: provider.orgId, ...buildActivity({ location: { lon: -30, lat: 45 } }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('not_in_territory');
    expect(await outbox.count()).toBe(before);

    const created = await provider.agent
      .post('/api/activities')
      .send({ providerId: provider.orgId, ...buildActivity() });
    expect(created.status).toBe(201);
    const started = Date.now();
    while (updated.length === 0 && Date.now() - started < 1000) await settle(20);
    expect(updated.map((e) => e.payload)).toEqual([
      { activityId: created.body.id, territory: 'E23000029' },
    ]);
  });

  it('sends a submission to the supplier’s own room only: not the tender’s buyer, not the public', async () => {
    const supplierSocket = await socketFor(supplier);
    expect(await join(supplierSocket, `org:${supplier.orgId}`)).toEqual({ ok: true });
    const mine = collect(supplierSocket, 'spos.submitted');
    const publicSocket = await socketFor(null);
    await join(publicSocket, 'territory:E23000029');
    const leaked = collect(publicSocket, 'spos.submitted');
    const buyerSocket = await socketFor(buyer);
    expect(await join(buyerSocket, `org:${buyer.orgId}`)).toEqual({ ok: true });
    const buyerGot = collect(buyerSocket, 'spos.submitted');

    const { tender, spo } = await readyToAward();
    expect(await join(buyerSocket, `tender:${tender.id}`)).toEqual({ ok: true });
    const started = Date.now();
    while (mine.length === 0 && Date.now() - started < 1000) await settle(20);
    expect(mine.map((e) => e.payload)).toEqual([
      { spoId: spo.id, tenderId: tender.id, version: 1 },
    ]);
    await settle(200);
    expect(leaked).toEqual([]);
    expect(buyerGot).toEqual([]);
  });
});

describe('when access ends', () => {
  /** A second person in the supplier, joined by invitation. */
  async function supplierColleague(): Promise<Person & { personId: string }> {
    const agent = request.agent(server);
    const signUp = buildSignUp();
    const res = await signUpAndIn(agent, signUp);
    await joinOrganisation(supplier.agent, supplier.orgId, {
      agent,
      email: signUp.email,
    } as unknown as SignedIn);
    return {
      agent,
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      orgId: supplier.orgId,
      personId: res.body.person.id,
    };
  }

  it('takes a removed member’s open socket out of the organisation’s room, live and in catch-up', async () => {
    const colleague = await supplierColleague();
    const socket = await socketFor(colleague);
    expect(await join(socket, `org:${supplier.orgId}`)).toEqual({ ok: true });
    const got = collect(socket, 'spos.submitted');
    await readyToAward();
    const started = Date.now();
    while (got.length === 0 && Date.now() - started < 1000) await settle(20);
    expect(got).toHaveLength(1);

    const removed = await supplier.agent.delete(
      `/api/organisations/${supplier.orgId}/members/${colleague.personId}`,
    );
    expect(removed.status).toBe(204);
    await settle(200);
    await readyToAward();
    await settle(600);
    expect(got).toHaveLength(1);
    const caught = await new Promise<PublishedEvent[]>((resolve) =>
      socket.emit('events.since', 0, resolve),
    );
    expect(caught.filter((e) => e.room === `org:${supplier.orgId}`)).toEqual([]);
    expect(await join(socket, `org:${supplier.orgId}`)).toMatchObject({ ok: false });
  });

  it('never restores a dropped connection’s rooms to a new one, so a sign-out in between ends access', async () => {
    const colleague = await supplierColleague();
    const socket = await socketFor(colleague);
    expect(await join(socket, `org:${supplier.orgId}`)).toEqual({ ok: true });
    socket.io.engine.close();
    await settle(100);
    await colleague.agent.post('/api/auth/sign-out');
    // Reconnects by itself, now with a cookie of a session that has ended.
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(socket.recovered).not.toBe(true);
    const got = collect(socket, 'spos.submitted');
    await readyToAward();
    await settle(600);
    expect(got).toEqual([]);
    expect(await join(socket, `org:${supplier.orgId}`)).toMatchObject({ ok: false });
  });
});
