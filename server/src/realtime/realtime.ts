import type http from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events';
import type { AppConfig } from '../app';
import type { DatabaseHandle } from '../db/client';
import { createAuthService } from '../features/auth/auth.service';
import { SESSION_COOKIE } from '../http/session';
import type { Actor } from '../lib/actor';
import type { DomainEvents } from '../lib/domain-events';

export interface SocketData {
  actor: Actor;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Rooms are `<kind>:<id>`; a session's own room lets revocation close its sockets. */
export const rooms = {
  person: (id: string) => `person:${id}`,
  session: (id: string) => `session:${id}`,
};

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
  deps: { database: DatabaseHandle; config: AppConfig; events: DomainEvents },
): RealtimeServer {
  const auth = createAuthService(deps.database.db, deps.config.session);
  const { allowedOrigins } = deps.config;
  const io: RealtimeServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, callback) => callback(null, sameOrigin(req, allowedOrigins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
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

  io.on('connection', (socket) => {
    const { actor } = socket.data;
    if (actor.kind === 'person') {
      void socket.join([rooms.person(actor.personId), rooms.session(actor.sessionId)]);
    }
  });

  deps.events.on('sessions.revoked', ({ sessionIds, reason }) => {
    for (const id of sessionIds) {
      io.to(rooms.session(id)).emit('sessions.ended', { reason });
      io.in(rooms.session(id)).disconnectSockets(true);
    }
  });

  return io;
}
