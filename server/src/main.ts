import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import http from 'node:http';
import { BoundariesError } from '../../seed/territories';
import { MeasuresFileError } from '../../seed/toms';
import { seedDemoAccounts } from '../../seed/demo-accounts';
import {
  seedDemoActivitiesIfEmpty,
  seedDemoTenderIfEmpty,
  seedIfEmpty,
  seedMeasuresIfEmpty,
} from '../../seed/seed';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabaseFromConfig } from './db/open';
import { ensureClientBuilt } from './lib/client-build';
import { DomainEvents } from './lib/domain-events';
import { createLogger } from './lib/logger';
import { attachRealtime } from './realtime/realtime';

/** Starts Impact Atlas: database, first-run seed, client build, then the HTTP server. */
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

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabaseFromConfig(config);
  if (await seedIfEmpty(database, config.boundariesFile)) logger.info('Seeded the territories');
  if (await seedMeasuresIfEmpty(database, config.tomsFile))
    logger.info('Imported the TOMs measures');
  if (config.demo && (await seedDemoAccounts(database, config.session.passwordHashCost))) {
    logger.info('Created the demo accounts (password: demo-password); see README');
  }
  if (config.demo) {
    const n = await seedDemoActivitiesIfEmpty(database, config.boundariesFile);
    if (n > 0) logger.info(`Generated ${n} demo activities (npm run db:seed -- --activities N)`);
    if (await seedDemoTenderIfEmpty(database, config.ocidPrefix))
      logger.info('Published a demo tender for the demo buyer');
  }
  if (process.env.SKIP_CLIENT_BUILD !== '1') await ensureClientBuilt((m) => logger.info(m));

  const events = new DomainEvents();
  const server = http.createServer(createApp({ database, config, logger, events }));
  const io = attachRealtime(server, {
    database,
    config,
    events,
    adapter: config.redisUrl ? await redisAdapter(config.redisUrl) : undefined,
  });
  server.listen(config.port, config.host, () => {
    logger.info(`Impact Atlas is listening on http://localhost:${config.port}`, {
      database: database.kind,
    });
  });

  const shutdown = (signal: string) => {
    logger.info(`Received ${signal}: shutting down`);
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
  console.error(
    error instanceof BoundariesError || error instanceof MeasuresFileError ? error.message : error,
  );
  process.exit(1);
});
