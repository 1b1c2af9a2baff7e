import { randomUUID } from 'node:crypto';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { ROOT_DIR, type Config } from './config';
import type { DatabaseHandle } from './db/client';
import { configRoutes } from './features/config/config.routes';
import { createHealthRepo } from './features/health/health.repo';
import { healthRoutes } from './features/health/health.routes';
import { createHealthService } from './features/health/health.service';
import { createTerritoriesRepo } from './features/territories/territories.repo';
import { territoriesRoutes } from './features/territories/territories.routes';
import { createTerritoriesService } from './features/territories/territories.service';
import { apiNotFound, errorHandler } from './http/errors';
import { securityHeaders } from './http/security';
import { staticClient } from './http/static-client';
import { createLogger, type Logger } from './lib/logger';

export interface AppDeps {
  database: DatabaseHandle;
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
  logger?: Logger;
  /** Folder of the built client; defaults to `dist/client`. */
  clientDir?: string;
}

/** Builds the Express app around an open database. It does not listen: `main.ts` does. */
export function createApp({
  database,
  config,
  logger = createLogger('error'),
  clientDir,
}: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    res.locals.requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(securityHeaders(config.tileUrl));
  app.use(compression());
  app.use(express.json({ limit: '100kb' }));

  const api = express.Router();
  api.use('/health', healthRoutes(createHealthService(createHealthRepo(database))));
  api.use(
    '/territories',
    territoriesRoutes(createTerritoriesService(createTerritoriesRepo(database))),
  );
  api.use('/config', configRoutes(config));
  api.use(apiNotFound);

  app.use('/api', api);
  app.use(staticClient(clientDir ?? path.join(ROOT_DIR, 'dist/client')));
  app.use(errorHandler(logger));
  return app;
}
