import { createAdapter } from '@socket.io/redis-streams-adapter';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import http from 'node:http';
import { createApp } from './app';
import type { RateLimitStores } from './http/rate-limits';
import { loadConfig } from './config';
import { pendingMigrations } from './db/migrate';
import { openConfiguredDatabase } from './db/open';
import { DomainEvents } from './lib/domain-events';
import { createLogger } from './lib/logger';
import { attachRealtime } from './realtime/realtime';
import { createServices } from './composition';
import { startMailRelay } from './features/mail/mail-relay';
import { startNotificationJobs } from './features/notifications/notification-jobs';

/**
 * socket.io's Redis Streams adapter, so that an event published by one server process
 * reaches sockets connected to any other.
 */
async function redisAdapter(url: string): Promise<ServerOptions['adapter']> {
  const client = createClient({ url });
  client.on('error', (error: Error) => console.error('Redis error:', error.message));
  await client.connect();
  return createAdapter(client);
}

class NotSetUpError extends Error {}

/**
 * Starts Impact Atlas's HTTP and socket server on a database that the setup step
 * (`npm run db:setup`, or `node dist/server/setup.js`) has migrated and seeded. The client is
 * built beforehand by `npm run build`; the server only serves it.
 */
/**
 * Rate-limit counts in Redis (rate-limit-redis, the express-rate-limit project's store), so
 * that several server processes share one count per key.
 */
async function redisRateLimitStores(url: string): Promise<RateLimitStores> {
  const client = createClient({ url });
  client.on('error', (error: Error) => console.error('Redis error:', error.message));
  await client.connect();
  return (prefix) =>
    new RedisStore({
      prefix: `ia:rate-limit:${prefix}`,
      sendCommand: (...args: string[]) => client.sendCommand(args),
    });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config, config.databaseTimeouts);
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    await database.close();
    throw new NotSetUpError(
      `The database is missing migrations ${pending.join(', ')}: run \`npm run db:setup\` ` +
        '(or `node dist/server/setup.js`) before starting the server.',
    );
  }

  const events = new DomainEvents();
  const rateLimitStores = config.redisUrl ? await redisRateLimitStores(config.redisUrl) : undefined;
  const server = http.createServer(
    createApp({
      database,
      config,
      logger,
      events,
      rateLimits: config.rateLimits,
      ...(rateLimitStores ? { rateLimitStores } : {}),
    }),
  );
  const io = attachRealtime(server, {
    database,
    config,
    events,
    adapter: config.redisUrl ? await redisAdapter(config.redisUrl) : undefined,
  });
  // Tenders closing, new matches and the daily digest; email sent only when SMTP_URL is set
  // (without it, messages wait in the outbox, shown on the administrators' outgoing-mail page).
  const jobs = startNotificationJobs(
    createServices(database, config, events, logger).notificationJobs,
    events,
  );
  const mailRelay = config.mail.smtpUrl
    ? startMailRelay(database, events, { smtpUrl: config.mail.smtpUrl, from: config.mail.from })
    : null;
  if (!mailRelay) logger.info('No SMTP_URL: email is kept in the outbox, not sent');
  server.listen(config.port, config.host, () => {
    logger.info(`Impact Atlas is listening on http://localhost:${config.port}`, {
      database: database.kind,
    });
  });

  const shutdown = (signal: string) => {
    logger.info(`Received ${signal}: shutting down`);
    jobs.stop();
    void mailRelay?.stop();
    // Closing socket.io closes the HTTP server under it too.
    void io.close(() => {
      void database.close().finally(() => process.exit(0));
    });
    // Keep-alive sockets can hold close() open; do not wait for ever.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof NotSetUpError ? error.message : error);
  process.exit(1);
});
