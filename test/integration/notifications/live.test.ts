import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { PublishedEvent } from '@shared/events';
import type { ActivityView } from '@shared/schemas/activities';
import type { NotificationPage } from '@shared/schemas/notifications';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import type { DatabaseHandle } from '../../../server/src/db/client';
import {
  buildActivity,
  buildOrganisation,
  buildSignUp,
  buildTender,
} from '../../../seed/factories';
import {
  startRealtimeServer,
  type ClientSocket,
  type RealtimeTestServer,
} from '../../support/realtime-server';

/**
 * Notifications arrive live in the person's own room, and a socket that was away catches up
 * with `events.since`; nobody else's socket hears them, whatever room it asks for.
 */

let rt: RealtimeTestServer;
let server: http.Server;
let database: DatabaseHandle;

interface Person {
  agent: ReturnType<typeof request.agent>;
  cookie: string;
  orgId: string;
  personId: string;
}

async function person(kind: 'buyer' | 'supplier' | 'provider'): Promise<Person> {
  const agent = request.agent(server);
  const body = buildSignUp({ organisation: buildOrganisation(kind) });
  await agent.post('/api/auth/sign-up').send(body).expect(202);
  const res = await agent
    .post('/api/auth/sign-in')
    .send({ email: body.email, password: body.password })
    .expect(200);
  return {
    agent,
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    orgId: res.body.organisations[0].id,
    personId: res.body.person.id,
  };
}

const socketFor = (who: Person): Promise<ClientSocket> => rt.socket(who.cookie);

function collect(socket: ClientSocket) {
  const got: PublishedEvent<'notifications.created'>[] = [];
  socket.on('notifications.created', (e) => got.push(e));
  return got;
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let supplier: Person;
let provider: Person;
let otherProvider: Person;
let activity: ActivityView;
let tender: TenderView;

/** A new supplier asks to link the provider's activity: a new link-up request each call. */
async function requestLink(by?: Person): Promise<string> {
  supplier = by ?? (await person('supplier'));
  const spo = await supplier.agent
    .post(`/api/tenders/${tender.id}/spos`)
    .send({ supplierId: supplier.orgId })
    .expect(201);
  const lined = await supplier.agent
    .post(`/api/spos/${(spo.body as SpoView).id}/lines`)
    .send({ activityId: activity.id, kind: 'cash', annualPence: 100_000 })
    .expect(201);
  return (lined.body as SpoView).lines.at(-1)!.id;
}

beforeAll(async () => {
  rt = await startRealtimeServer();
  ({ server, database } = rt);
  const buyer = await person('buyer');
  supplier = await person('supplier');
  provider = await person('provider');
  otherProvider = await person('provider');
  activity = (
    await provider.agent
      .post('/api/activities')
      .send({ providerId: provider.orgId, ...buildActivity() })
      .expect(201)
  ).body as ActivityView;
  const created = await buyer.agent
    .post('/api/tenders')
    .send({ buyerId: buyer.orgId, ...buildTender() })
    .expect(201);
  tender = (
    await buyer.agent
      .post(`/api/tenders/${created.body.id}/transition`)
      .send({ status: 'open' })
      .expect(200)
  ).body as TenderView;
});

afterAll(() => rt.close());

describe('notifications in real time', () => {
  it("reach the person's own sockets at once, and no one else's", async () => {
    const mine = collect(await socketFor(provider));
    const theirs = collect(await socketFor(otherProvider));
    const requester = await person('supplier');
    const supplierHears = collect(await socketFor(requester));
    const lineId = await requestLink(requester);
    await until(() => mine.length === 1);
    const listed = (await provider.agent.get('/api/notifications')).body as NotificationPage;
    const item = listed.items.find((n) => n.objectId === lineId)!;
    expect(mine[0]).toMatchObject({
      topic: 'notifications.created',
      room: `person:${provider.personId}`,
      payload: { notificationId: item.id, kind: 'link_request' },
    });
    await settle(300);
    expect(theirs).toEqual([]);
    expect(supplierHears).toEqual([]);
  });

  it("refuses to let a socket join another person's room", async () => {
    const socket = await socketFor(otherProvider);
    const answer = await new Promise((resolve) =>
      socket.emit('rooms.join', `person:${provider.personId}`, resolve),
    );
    expect(answer).toEqual({ ok: false, error: 'no such room' });
  });

  it('catches a reconnecting socket up on what it missed, and only its own', async () => {
    const before = (await provider.agent.get('/api/notifications')).body as NotificationPage;
    const lastSeen = Math.max(
      0,
      ...(await database.db.selectFrom('outbox_events').select('id').execute()).map((r) =>
        Number(r.id),
      ),
    );
    const lineId = await requestLink();
    await settle(200);
    const back = await socketFor(provider);
    const missed = await new Promise<PublishedEvent[]>((resolve) =>
      back.emit('events.since', lastSeen, resolve),
    );
    const after = (await provider.agent.get('/api/notifications')).body as NotificationPage;
    expect(after.total).toBe(before.total + 1);
    const mineMissed = missed.filter((e) => e.topic === 'notifications.created');
    expect(mineMissed).toHaveLength(1);
    expect(mineMissed[0]).toMatchObject({
      room: `person:${provider.personId}`,
      payload: { notificationId: after.items.find((n) => n.objectId === lineId)!.id },
    });
    const stranger = await socketFor(otherProvider);
    const strangerMissed = await new Promise<PublishedEvent[]>((resolve) =>
      stranger.emit('events.since', lastSeen, resolve),
    );
    expect(strangerMissed.filter((e) => e.topic === 'notifications.created')).toEqual([]);
  });
});
