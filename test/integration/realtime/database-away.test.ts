/**
 * The socket server while its database cannot be reached: a client catching up after a
 * reconnect (`events.since`, which reads the outbox) must not take the process down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, JoinAnswer, ServerToClientEvents } from '@shared/events';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { attachRealtime, type RealtimeServer } from '../../../server/src/realtime/realtime';
import { TEST_CONFIG } from '../../support/test-app';

describe('the socket server with the database unreachable', () => {
  let database: DatabaseHandle;
  let server: http.Server;
  let io: RealtimeServer;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  // The relay's and the catch-up's failures are logged; read here, not printed.
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // Nothing listens on port 1: every connection is refused at once.
    database = await openDatabase({
      databaseUrl: 'postgres://nobody@127.0.0.1:1/impact_atlas',
      poolSize: 2,
      timeouts: { connectMs: 1000, statementMs: 1000 },
    });
    server = http.createServer();
    io = attachRealtime(server, { database, config: TEST_CONFIG, events: new DomainEvents() });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    socket = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    socket.close();
    await new Promise((r) => io.close(r));
    await database.close();
    process.off('unhandledRejection', onUnhandled);
    logged.mockRestore();
  });

  it('leaves a catch-up unanswered and logs it, rather than fail unhandled', async () => {
    // A territory room needs no database to join.
    const joined = await new Promise<JoinAnswer>((resolve) =>
      socket.emit('rooms.join', 'territory:E23000029', resolve),
    );
    expect(joined).toEqual({ ok: true });
    const answer = await socket
      .timeout(2000)
      .emitWithAck('events.since', 0)
      .then(
        () => 'answered',
        () => 'unanswered',
      );
    expect(answer).toBe('unanswered');
    expect(unhandled).toEqual([]);
    expect(logged.mock.calls.map((call) => String(call[0]))).toContain('Catching up failed:');
  });
});
