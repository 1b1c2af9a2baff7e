import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events';
import { createApp } from '../../../server/src/app';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { rooms } from '@shared/events';
import { attachRealtime, type RealtimeServer } from '../../../server/src/realtime/realtime';
import { buildSignUp } from '../../../seed/factories';
import { createTestDatabase } from '../../support/test-database';
import { TEST_CONFIG } from '../../support/test-app';
import type { DatabaseHandle } from '../../../server/src/db/client';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let database: DatabaseHandle;
let server: http.Server;
let io: RealtimeServer;
let url: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const events = new DomainEvents();
  server = http.createServer(createApp({ database, config: TEST_CONFIG, events }));
  io = attachRealtime(server, { database, config: TEST_CONFIG, events });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await new Promise((r) => io.close(r));
  await database.close();
});

/** Signs up, then in, and answers the session cookie, as a browser would hold it. */
async function sessionCookie(): Promise<{
  cookie: string;
  personId: string;
  email: string;
  password: string;
}> {
  const body = buildSignUp();
  await request(server).post('/api/auth/sign-up').send(body).expect(202);
  const res = await request(server)
    .post('/api/auth/sign-in')
    .send({ email: body.email, password: body.password })
    .expect(200);
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    personId: res.body.person.id,
    email: body.email,
    password: body.password,
  };
}

function open(headers: Record<string, string> = {}): ClientSocket {
  const socket: ClientSocket = connect(url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

const connected = (s: ClientSocket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

describe('socket.io sessions', () => {
  it('knows a connection by its session cookie', async () => {
    const { cookie, personId } = await sessionCookie();
    const socket = open({ cookie });
    await connected(socket);
    const inRoom = await io.in(rooms.person(personId)).fetchSockets();
    expect(inRoom.map((s) => s.id)).toEqual([socket.id]);
    expect(inRoom[0]!.data.actor).toEqual(expect.objectContaining({ kind: 'person', personId }));
  });

  it('lets an anonymous connection in, as nobody', async () => {
    const socket = open();
    await connected(socket);
    const [server] = (await io.fetchSockets()).filter((s) => s.id === socket.id);
    expect(server!.data.actor).toEqual({ kind: 'anonymous' });
    expect([...server!.rooms].filter((r) => r.startsWith('person:'))).toEqual([]);
  });

  it('treats a forged cookie as anonymous', async () => {
    const socket = open({ cookie: 'ia_session=forged-token' });
    await connected(socket);
    const [server] = (await io.fetchSockets()).filter((s) => s.id === socket.id);
    expect(server!.data.actor.kind).toBe('anonymous');
  });

  it('refuses a handshake from another site', async () => {
    const { cookie } = await sessionCookie();
    const socket = open({ cookie, origin: 'https://evil.example' });
    await expect(connected(socket)).rejects.toThrow();
  });

  it('closes the socket of a session that signs out, after telling it why', async () => {
    const { cookie } = await sessionCookie();
    const socket = open({ cookie });
    await connected(socket);
    const ended = new Promise((r) => socket.once('sessions.ended', r));
    const closed = new Promise((r) => socket.once('disconnect', r));
    await request(server).post('/api/auth/sign-out').set('Cookie', cookie).expect(204);
    expect(await ended).toEqual({ reason: 'signed_out' });
    await closed;
  });

  it("closes every other session's socket on a password change", async () => {
    const { cookie: first, email, password } = await sessionCookie();
    const other = await request(server).post('/api/auth/sign-in').send({ email, password });
    const second = String(other.headers['set-cookie']).split(';')[0]!;
    const socket = open({ cookie: second });
    await connected(socket);
    const closed = new Promise((r) => socket.once('disconnect', r));
    await request(server)
      .post('/api/auth/password')
      .set('Cookie', first)
      .send({ currentPassword: password, newPassword: 'yet another passphrase' })
      .expect(204);
    await closed;
    expect(socket.connected).toBe(false);
  });
});
