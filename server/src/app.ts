import { randomUUID } from 'node:crypto';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { ROOT_DIR, type Config } from './config';
import type { DatabaseHandle } from './db/client';
import { activitiesRoutes } from './features/activities/activities.routes';
import { createActivitiesService } from './features/activities/activities.service';
import { calculatorsRoutes } from './features/calculators/calculators.routes';
import { createCalculatorsService } from './features/calculators/calculators.service';
import { sposRoutes } from './features/spos/spos.routes';
import { createSposService } from './features/spos/spos.service';
import { tendersRoutes } from './features/tenders/tenders.routes';
import { createTendersService } from './features/tenders/tenders.service';
import { coverageRoutes } from './features/coverage/coverage.routes';
import { createCoverageService } from './features/coverage/coverage.service';
import { auditRoutes } from './features/audit/audit.routes';
import { createAuditService } from './features/audit/audit.service';
import { authRoutes } from './features/auth/auth.routes';
import { createAuthService } from './features/auth/auth.service';
import { configRoutes } from './features/config/config.routes';
import { createHealthRepo } from './features/health/health.repo';
import { healthRoutes } from './features/health/health.routes';
import { createHealthService } from './features/health/health.service';
import { createIdempotencyStore } from './features/idempotency/idempotency.service';
import { organisationsRoutes } from './features/organisations/organisations.routes';
import { createOrganisationsService } from './features/organisations/organisations.service';
import { tomsRoutes } from './features/toms/toms.routes';
import { createTomsService } from './features/toms/toms.service';
import { createTerritoriesRepo } from './features/territories/territories.repo';
import { territoriesRoutes } from './features/territories/territories.routes';
import { createTerritoriesService } from './features/territories/territories.service';
import { apiNotFound, errorHandler } from './http/errors';
import { idempotent } from './http/idempotency';
import { originCheck } from './http/origin-check';
import { authRateLimits, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rate-limits';
import { RouteTable } from './http/route-table';
import { securityHeaders } from './http/security';
import { sessionMiddleware } from './http/session';
import { staticClient } from './http/static-client';
import { DomainEvents } from './lib/domain-events';
import { createLogger, type Logger } from './lib/logger';

export type AppConfig = Pick<
  Config,
  'tileUrl' | 'tileAttribution' | 'session' | 'trustProxy' | 'allowedOrigins' | 'ocidPrefix'
>;

export interface AppDeps {
  database: DatabaseHandle;
  config: AppConfig;
  logger?: Logger;
  /** Folder of the built client; defaults to `dist/client`. */
  clientDir?: string;
  rateLimits?: RateLimitSettings;
  /** Where services announce committed changes (real-time listens); one per process. */
  events?: DomainEvents;
}

export type App = Express & { locals: { routes: string[] } };

/** Builds the Express app around an open database. It does not listen: `main.ts` does. */
export function createApp({
  database,
  config,
  logger = createLogger('error'),
  clientDir,
  rateLimits = DEFAULT_RATE_LIMITS,
  events = new DomainEvents(),
}: AppDeps): App {
  const app = express() as App;
  const { db } = database;
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  app.use((req, res, next) => {
    // Always our own: the id is written into the audit trail, so clients must not choose it.
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(securityHeaders(config.tileUrl));
  app.use(compression());

  const auth = createAuthService(db, config.session, events);
  const table = new RouteTable();
  const once = idempotent(createIdempotencyStore(db));
  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(cookieParser());
  api.use(originCheck(config.allowedOrigins));
  api.use(sessionMiddleware(auth));

  api.use('/health', healthRoutes(table, createHealthService(createHealthRepo(database))));
  api.use('/config', configRoutes(table, config));
  api.use(
    '/territories',
    territoriesRoutes(table, createTerritoriesService(createTerritoriesRepo(database))),
  );
  const accounts = authRoutes(table, auth, authRateLimits(rateLimits));
  api.use('/auth', accounts.auth);
  api.use('/me', accounts.me);
  const organisations = organisationsRoutes(table, createOrganisationsService(db, events), once);
  api.use('/organisations', organisations.organisations);
  api.use('/invitations', organisations.invitations);
  api.use('/audit', auditRoutes(table, createAuditService(db)));
  api.use('/toms', tomsRoutes(table, createTomsService(db)));
  api.use('/activities', activitiesRoutes(table, createActivitiesService(db, events), once));
  const spoService = createSposService(db, events);
  const spos = sposRoutes(table, spoService, once);
  api.use('/activities', spos.supporters);
  api.use(
    '/tenders',
    tendersRoutes(table, createTendersService(db, config.ocidPrefix), spoService, once),
  );
  api.use('/spos', spos.spos);
  api.use('/link-requests', spos.linkRequests);
  api.use('/coverage', coverageRoutes(table, createCoverageService(db)));
  api.use('/calculators', calculatorsRoutes(table, createCalculatorsService(db)));
  api.use(apiNotFound);

  app.use('/api', api);
  app.use(staticClient(clientDir ?? path.join(ROOT_DIR, 'dist/client')));
  app.use(errorHandler(logger));
  app.locals.routes = table.routes;
  return app;
}
