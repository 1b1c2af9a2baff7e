import { randomUUID } from 'node:crypto';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { ZodType } from 'zod';
import { ROOT_DIR, type Config } from './config';
import type { DatabaseHandle } from './db/client';
import { apiDocsRoutes } from './features/api-docs/api-docs.routes';
import {
  buildOpenApiDocument,
  packageVersion,
  type OpenApiDocument,
} from './features/api-docs/openapi';
import { activitiesRoutes } from './features/activities/activities.routes';
import { calculatorsRoutes } from './features/calculators/calculators.routes';
import {
  PLEDGE_PREVIEW_PATH,
  pledgeImportJson,
  pledgeImportRoutes,
} from './features/pledge-import/pledge-import.routes';
import { sposRoutes } from './features/spos/spos.routes';
import { tendersRoutes } from './features/tenders/tenders.routes';
import { coverageRoutes } from './features/coverage/coverage.routes';
import { deliveryRoutes } from './features/delivery/delivery.routes';
import { fulfilmentRoutes } from './features/fulfilment/fulfilment.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { configRoutes } from './features/config/config.routes';
import { needRoutes } from './features/need/need.routes';
import { healthRoutes } from './features/health/health.routes';
import { matchingRoutes } from './features/matching/matching.routes';
import { organisationsRoutes } from './features/organisations/organisations.routes';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { openDataRoutes, openReferralRoutes } from './features/open-data/open-data.routes';
import { placesRoutes } from './features/places/places.routes';
import { tomsRoutes } from './features/toms/toms.routes';
import { territoriesRoutes } from './features/territories/territories.routes';
import { apiNotFound, errorHandler } from './http/errors';
import { idempotent } from './http/idempotency';
import { originCheck } from './http/origin-check';
import {
  authRateLimits,
  DEFAULT_RATE_LIMITS,
  type RateLimitSettings,
  type RateLimitStores,
} from './http/rate-limits';
import { RouteTable, type RouteInfo } from './http/route-table';
import { securityHeaders } from './http/security';
import { sessionMiddleware } from './http/session';
import { createServices } from './composition';
import { staticClient } from './http/static-client';
import { DomainEvents } from './lib/domain-events';
import { createLogger, type Logger } from './lib/logger';

export type AppConfig = Pick<
  Config,
  'tileUrl' | 'tileAttribution' | 'session' | 'trustProxy' | 'allowedOrigins' | 'ocidPrefix'
> &
  /** Email settings; links default to http://localhost:3000 and mail stays in the outbox. */
  Partial<Pick<Config, 'mail'>> &
  /** Open-data publisher and identifier prefixes; OPEN_DATA_DEFAULTS unless given. */
  Partial<Pick<Config, 'openData'>>;

export interface AppDeps {
  database: DatabaseHandle;
  config: AppConfig;
  logger?: Logger;
  /** Folder of the built client; defaults to `dist/client`. */
  clientDir?: string;
  rateLimits?: RateLimitSettings;
  /** Shared rate-limit counts (Redis) for several processes; this process's memory if unset. */
  rateLimitStores?: RateLimitStores;
  /** Where services announce committed changes (real-time listens); one per process. */
  events?: DomainEvents;
  /**
   * Check every success answer against its route's schema as it is sent, failing loudly
   * (500, logged) when one does not match: on in development and tests, off in production.
   */
  checkResponses?: boolean;
  /** The clock delivery reports age by; the real one unless a test moves it. */
  now?: () => Date;
}

export type App = Express & {
  locals: {
    routes: string[];
    responses: ReadonlyMap<string, ZodType | null>;
    routeInfo: ReadonlyMap<string, RouteInfo>;
    openapi: OpenApiDocument;
  };
};

/** Builds the Express app around an open database. It does not listen: `main.ts` does. */
export function createApp({
  database,
  config,
  logger = createLogger('error'),
  clientDir,
  rateLimits = DEFAULT_RATE_LIMITS,
  rateLimitStores,
  events = new DomainEvents(),
  checkResponses = process.env.NODE_ENV !== 'production',
  now,
}: AppDeps): App {
  const app = express() as App;
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

  const services = createServices(database, config, events, logger, { now });
  const { auth } = services;
  const table = new RouteTable({ checkResponses });
  const once = idempotent(services.deps.repos.idempotency);
  const api = express.Router();
  // A pledge table may be larger than any other body; its parser reads it first.
  api.use(PLEDGE_PREVIEW_PATH, pledgeImportJson);
  api.use(express.json({ limit: '100kb' }));
  api.use(cookieParser());
  api.use(originCheck(config.allowedOrigins));
  api.use(sessionMiddleware(auth));

  api.use('/health', healthRoutes(table, services.health));
  api.use('/config', configRoutes(table, config));
  api.use('/territories', territoriesRoutes(table, services.territories));
  api.use('/places', placesRoutes(table, services.places));
  api.use('/need', needRoutes(table, services.need));
  const limits = authRateLimits(rateLimits, rateLimitStores);
  const accounts = authRoutes(table, auth, limits);
  api.use('/auth', accounts.auth);
  const notifications = notificationsRoutes(table, services.notifications);
  api.use('/notifications', notifications.notifications);
  api.use('/me/interest', notifications.interest);
  api.use('/admin/outgoing-mail', notifications.outgoingMail);
  api.use('/me', accounts.me);
  const organisations = organisationsRoutes(
    table,
    services.organisations,
    once,
    limits.invitations,
  );
  api.use('/organisations', organisations.organisations);
  api.use('/invitations', organisations.invitations);
  api.use('/audit', auditRoutes(table, services.audit));
  api.use('/toms', tomsRoutes(table, services.toms));
  api.use('/activities', activitiesRoutes(table, services.activities, once));
  const spos = sposRoutes(table, services.spos, once);
  api.use('/activities', spos.supporters);
  const tenders = tendersRoutes(table, services.tenders, services.spos, once);
  api.use('/tenders', tenders.tenders);
  const matching = matchingRoutes(table, services.matching);
  api.use('/tenders', matching.tenders);
  api.use('/activities', matching.activities);
  api.use('/spos', spos.spos);
  api.use('/spos', pledgeImportRoutes(table, services.pledgeImport, services.spos));
  const delivery = deliveryRoutes(table, services.delivery, once);
  api.use('/spos', delivery.spos);
  api.use('/delivery-reports', delivery.reports);
  api.use('/tenders', delivery.tenders);
  api.use('/link-requests', spos.linkRequests);
  // After `/me` itself: a person's own SPOs and tenders, for their home page.
  api.use('/me', spos.mine);
  api.use('/me', tenders.mine);
  api.use('/coverage', coverageRoutes(table, services.coverage));
  const fulfilment = fulfilmentRoutes(table, services.fulfilment);
  api.use('/tenders', fulfilment.tenders);
  api.use('/organisations', fulfilment.organisations);
  api.use('/territories', fulfilment.territories);
  api.use('/calculators', calculatorsRoutes(table, services.calculators));
  api.use('/open-data', openDataRoutes(table, services.openData));
  api.use(apiDocsRoutes(table));
  api.use(apiNotFound);

  app.use('/api', api);
  // Where Open Referral directories look for it: outside `/api`, open to every origin.
  app.use('/openreferral', openReferralRoutes(services.openData));
  app.use(staticClient(clientDir ?? path.join(ROOT_DIR, 'dist/client')));
  app.use(errorHandler(logger));
  app.locals.routes = table.routes;
  app.locals.responses = table.responses;
  app.locals.routeInfo = table.info;
  app.locals.openapi = buildOpenApiDocument(table, { version: packageVersion() });
  return app;
}
