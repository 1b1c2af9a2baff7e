import type http from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server, type ServerOptions } from 'socket.io';
import {
  JOINABLE_ROOM,
  rooms,
  type ClientToServerEvents,
  type PublishedEvent,
  type ServerToClientEvents,
} from '@shared/events';
import type { AppConfig } from '../app';
import type { DatabaseHandle } from '../db/client';
import { createAuthService } from '../features/auth/auth.service';
import { SESSION_COOKIE } from '../http/session';
import type { Actor } from '../lib/actor';
import type { DomainEvents } from '../lib/domain-events';
import { TerritoryCode } from '@shared/schemas/territories';
import { createRepos, unitOfWork } from '../composition';
import { startRelay } from './relay';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SocketData {
  actor: Actor;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * Sends a published event to its room under its own topic. One case per topic, so that each
 * emit is checked against the event map; a topic added to the map without one fails to compile.
 */
function emitPublished(io: RealtimeServer, event: PublishedEvent): void {
  const to = io.to(event.room);
  switch (event.topic) {
    case 'spos.awarded':
      to.emit(event.topic, event);
      return;
    case 'spos.submitted':
      to.emit(event.topic, event);
      return;
    case 'activities.updated':
      to.emit(event.topic, event);
      return;
    case 'coverage.updated':
      to.emit(event.topic, event);
      return;
    case 'tenders.awarded':
      to.emit(event.topic, event);
      return;
    case 'notifications.created':
      to.emit(event.topic, event);
      return;
    default:
      event satisfies never;
  }
}

function sameOrigin(req: http.IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  const own = [`http://${host}`, `https://${host}`];
  return own.includes(origin) || allowedOrigins.includes(origin);
}

/**
 * socket.io on the app's HTTP server. Connections authenticate with the same session
 * cookie as the API (anonymous ones are allowed, for public rooms); a handshake from
 * another site is refused; signing out or changing the password closes the sockets of
 * the sessions it ended.
 */
export function attachRealtime(
  server: http.Server,
  deps: {
    database: DatabaseHandle;
    config: AppConfig;
    events: DomainEvents;
    /** Shares rooms between server processes (the Redis Streams adapter); in-memory if unset. */
    adapter?: ServerOptions['adapter'];
  },
): RealtimeServer {
  // Without the events bus: a socket's own session lookups announce nothing.
  const repos = createRepos(deps.database.db);
  const auth = createAuthService({ repos, uow: unitOfWork(deps.database.db) }, deps.config.session);
  const { allowedOrigins } = deps.config;
  const io: RealtimeServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, callback) => callback(null, sameOrigin(req, allowedOrigins)),
    // No connection-state recovery: it would hand a reconnecting socket its old rooms and
    // identity without looking at the session again (even one signed out meanwhile). Clients
    // rejoin their rooms, each join authorised, and catch up with `events.since`.
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookies(socket.handshake.headers.cookie ?? '');
      socket.data.actor = await auth.resolve(cookies[SESSION_COOKIE]);
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error('session lookup failed'));
    }
  });

  const { outbox } = repos;

  /** May this actor join this room? Checked on every join, with the session looked up anew. */
  async function mayJoin(actor: Actor, room: string): Promise<string | null> {
    const [kind, id = ''] = room.split(':', 2);
    const memberOf = (org: string) => actor.kind === 'person' && actor.memberships.has(org);
    if (kind === 'territory') {
      return TerritoryCode.safeParse(id).success ? null : 'no such territory';
    }
    if (!UUID.test(id)) return 'no such room';
    if (kind === 'org') return memberOf(id) ? null : 'members only';
    if (kind === 'tender') {
      const tender = await outbox.tenderBuyer(id);
      return tender && memberOf(tender.buyer_id) ? null : "the tender's buyer only";
    }
    return 'no such room';
  }

  /**
   * Takes a socket out of each room its session no longer admits (a membership ended, the
   * session expired); answers the rooms it keeps. Works on remote sockets too (Redis adapter).
   */
  async function recheckRooms(socket: {
    rooms: Set<string>;
    handshake: { headers: http.IncomingHttpHeaders };
    leave(room: string): unknown;
  }): Promise<string[]> {
    const cookies = parseCookies(socket.handshake.headers.cookie ?? '');
    const current = await auth.resolve(cookies[SESSION_COOKIE]);
    // The person's own room stays while the session does (notifications catch up there).
    const kept: string[] =
      current.kind === 'person' && socket.rooms.has(rooms.person(current.personId))
        ? [rooms.person(current.personId)]
        : [];
    for (const room of [...socket.rooms]) {
      if (!JOINABLE_ROOM.test(room)) continue;
      if (await mayJoin(current, room)) await socket.leave(room);
      else kept.push(room);
    }
    return kept;
  }

  deps.events.on('memberships.ended', ({ personId }) => {
    void io
      .in(rooms.person(personId))
      .fetchSockets()
      .then((sockets) => Promise.all(sockets.map((s) => recheckRooms(s))))
      .catch((error: unknown) => console.error('Re-checking rooms failed:', error));
  });

  io.on('connection', (socket) => {
    const { actor } = socket.data;
    if (actor.kind === 'person') {
      void socket.join([rooms.person(actor.personId), rooms.session(actor.sessionId)]);
    }

    socket.on('rooms.join', async (room, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const cookies = parseCookies(socket.handshake.headers.cookie ?? '');
        // Memberships change and sessions end: decide on today's session, not the handshake's.
        const current = await auth.resolve(cookies[SESSION_COOKIE]);
        const refused = typeof room === 'string' ? await mayJoin(current, room) : 'no such room';
        if (refused) return ack({ ok: false, error: refused });
        await socket.join(room);
        ack({ ok: true });
      } catch {
        ack({ ok: false, error: 'could not join' });
      }
    });

    socket.on('rooms.leave', (room) => {
      if (typeof room === 'string' && !room.startsWith('person:') && !room.startsWith('session:'))
        void socket.leave(room);
    });

    socket.on('events.since', async (since, ack) => {
      if (typeof ack !== 'function') return;
      try {
        // Only rooms the session still admits: a membership may have ended since the join.
        const joined = await recheckRooms(socket);
        ack(Number.isSafeInteger(since) && since >= 0 ? await outbox.since(since, joined) : []);
      } catch (error) {
        // Uncaught, a database away would take the process down. Left unanswered, not `[]`,
        // which would say nothing was missed: the client's wait runs out and it reloads.
        console.error('Catching up failed:', error instanceof Error ? error.message : error);
      }
    });
  });

  const relay = startRelay(deps.database, deps.events, (event) => emitPublished(io, event));
  // Closing the server stops the relay with it (no query after the database has gone).
  const close = io.close.bind(io);
  io.close = (fn) => {
    relay.stop();
    return close(fn);
  };

  deps.events.on('sessions.revoked', ({ sessionIds, reason }) => {
    for (const id of sessionIds) {
      io.to(rooms.session(id)).emit('sessions.ended', { reason });
      io.in(rooms.session(id)).disconnectSockets(true);
    }
  });

  return io;
}
