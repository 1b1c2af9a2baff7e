import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events';
import { createApp, type App } from '../../server/src/app';
import type { DatabaseHandle } from '../../server/src/db/client';
import { DomainEvents } from '../../server/src/lib/domain-events';
import { attachRealtime, type RealtimeServer } from '../../server/src/realtime/realtime';
import { TEST_CONFIG } from './test-app';
import { createTestDatabase } from './test-database';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeTestServer {
  database: DatabaseHandle;
  app: App;
  server: http.Server;
  io: RealtimeServer;
  url: string;
  /** A connected WebSocket client, with this session cookie or none; closed with the server. */
  socket(cookie?: string | null): Promise<ClientSocket>;
  close(): Promise<void>;
}

/**
 * The app and socket.io on one HTTP server on a free port, over a private copy of the test
 * database, as `main.ts` puts them together: for tests of what arrives on sockets.
 */
export async function startRealtimeServer(): Promise<RealtimeTestServer> {
  const database = await createTestDatabase();
  const events = new DomainEvents();
  const app = createApp({ database, config: TEST_CONFIG, events });
  const server = http.createServer(app);
  const io = attachRealtime(server, { database, config: TEST_CONFIG, events });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: ClientSocket[] = [];
  return {
    database,
    app,
    server,
    io,
    url,
    async socket(cookie) {
      const socket: ClientSocket = connect(url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.close();
      await new Promise((r) => io.close(r));
      await database.close();
    },
  };
}
