import type { Kysely } from 'kysely';
import type { AppConfig } from './app';
import { OPEN_DATA_DEFAULTS } from './config';
import type { DatabaseHandle } from './db/client';
import type { Database } from './db/schema';
import { createActivitiesRepo } from './features/activities/activities.repo';
import { createActivitiesService } from './features/activities/activities.service';
import { createAuditRepo } from './features/audit/audit.repo';
import { createAuditService } from './features/audit/audit.service';
import { createAuthRepo } from './features/auth/auth.repo';
import { createAuthService } from './features/auth/auth.service';
import { createCalculatorsService } from './features/calculators/calculators.service';
import { createCoverageRepo } from './features/coverage/coverage.repo';
import { createCoverageService } from './features/coverage/coverage.service';
import { createDeliveryRepo } from './features/delivery/delivery.repo';
import { createDeliveryService } from './features/delivery/delivery.service';
import { createFulfilmentRepo } from './features/fulfilment/fulfilment.repo';
import { createFulfilmentService } from './features/fulfilment/fulfilment.service';
import { createHealthRepo } from './features/health/health.repo';
import { createHealthService } from './features/health/health.service';
import { createIdempotencyRepo } from './features/idempotency/idempotency.repo';
import { createMatchingRepo } from './features/matching/matching.repo';
import { createMatchingService } from './features/matching/matching.service';
import { createNeedRepo } from './features/need/need.repo';
import { createNeedService } from './features/need/need.service';
import { createOrganisationsRepo } from './features/organisations/organisations.repo';
import { createOrganisationsService } from './features/organisations/organisations.service';
import { createOpenDataRepo } from './features/open-data/open-data.repo';
import { createOpenDataService } from './features/open-data/open-data.service';
import { createMailRepo } from './features/mail/mail.repo';
import { createNotificationJobs, JOB_DEFAULTS } from './features/notifications/notification-jobs';
import { createNotificationsRepo } from './features/notifications/notifications.repo';
import {
  createNotificationsService,
  createNotifier,
} from './features/notifications/notifications.service';
import { createOutboxRepo } from './features/outbox/outbox.repo';
import { loadPlaceFinder } from './features/places/places.finder';
import { createPlacesService } from './features/places/places.service';
import { createPledgeImportService } from './features/pledge-import/pledge-import.service';
import { createSposRepo } from './features/spos/spos.repo';
import { createSposService } from './features/spos/spos.service';
import { createTendersRepo } from './features/tenders/tenders.repo';
import { createTendersService } from './features/tenders/tenders.service';
import { createTerritoriesRepo } from './features/territories/territories.repo';
import { createTerritoriesService } from './features/territories/territories.service';
import { createTomsRepo } from './features/toms/toms.repo';
import { createTomsService } from './features/toms/toms.service';
import { withIdempotencyKey } from './http/idempotency';
import type { DomainEvents } from './lib/domain-events';
import type { Logger } from './lib/logger';

/** Every repository over one connection or transaction: what services read and write through. */
export function createRepos(db: Kysely<Database>) {
  return {
    activities: createActivitiesRepo(db),
    audit: createAuditRepo(db),
    auth: createAuthRepo(db),
    coverage: createCoverageRepo(db),
    delivery: createDeliveryRepo(db),
    fulfilment: createFulfilmentRepo(db),
    idempotency: createIdempotencyRepo(db),
    mail: createMailRepo(db),
    notifications: createNotificationsRepo(db),
    organisations: createOrganisationsRepo(db),
    outbox: createOutboxRepo(db),
    spos: createSposRepo(db),
    tenders: createTendersRepo(db),
    toms: createTomsRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;

/**
 * Runs `work` in one transaction with the repositories bound to it: all of it commits or none
 * does. Services get this rather than the database, so a test can hand them stand-ins.
 */
export type UnitOfWork = <T>(work: (repos: Repos) => Promise<T>) => Promise<T>;

/**
 * The unit of work over a real database: a Kysely transaction, which also claims the running
 * request's Idempotency-Key, so that the key and the write commit (or not) together.
 */
export function unitOfWork(db: Kysely<Database>): UnitOfWork {
  return (work) =>
    withIdempotencyKey((claim) =>
      db.transaction().execute(async (tx) => {
        const repos = createRepos(tx);
        await claim(repos.idempotency);
        return work(repos);
      }),
    );
}

/** What every service may be given: repositories outside a transaction, and the unit of work. */
export interface ServiceDeps {
  repos: Repos;
  uow: UnitOfWork;
}

/**
 * The composition root: builds every repository once and hands each service what it needs,
 * services that use another feature getting that feature's service, never its repository.
 */
export function createServices(
  database: DatabaseHandle,
  config: Pick<AppConfig, 'session' | 'ocidPrefix' | 'mail' | 'openData'>,
  events: DomainEvents,
  logger?: Logger,
  /** The clock delivery reports age by; a test moves it instead of waiting. */
  options: { now?: () => Date } = {},
) {
  const deps: ServiceDeps = { repos: createRepos(database.db), uow: unitOfWork(database.db) };
  const mail = {
    publicUrl: config.mail?.publicUrl ?? 'http://localhost:3000',
    transportConfigured: Boolean(config.mail?.smtpUrl),
  };
  const notifier = createNotifier(mail);
  const coverage = createCoverageService(deps);
  const spos = createSposService(deps, events, notifier);
  const territories = createTerritoriesService(createTerritoriesRepo(database));
  const tenders = createTendersService(
    deps,
    { ocidPrefix: config.ocidPrefix, coverage, notifier },
    events,
  );
  const matching = createMatchingService(createMatchingRepo(database), tenders);
  return {
    notifier,
    notifications: createNotificationsService(deps, mail, events),
    notificationJobs: createNotificationJobs(deps, notifier, matching, events, {
      ...JOB_DEFAULTS,
      digestHourUtc: config.mail?.digestHourUtc ?? JOB_DEFAULTS.digestHourUtc,
    }),
    deps,
    auth: createAuthService(deps, config.session, events, logger, notifier),
    health: createHealthService(createHealthRepo(database)),
    territories,
    need: createNeedService(createNeedRepo(database)),
    places: createPlacesService(territories, loadPlaceFinder),
    organisations: createOrganisationsService(deps, events, notifier),
    audit: createAuditService(deps),
    toms: createTomsService(deps),
    activities: createActivitiesService(deps, coverage, events),
    coverage,
    spos,
    pledgeImport: createPledgeImportService({ spos, toms: createTomsService(deps) }),
    tenders,
    delivery: createDeliveryService(deps, events, { notifier, tenders, now: options.now }),
    matching,
    fulfilment: createFulfilmentService(deps, tenders, options.now),
    calculators: createCalculatorsService(deps),
    openData: createOpenDataService(createOpenDataRepo(database.db), {
      openData: config.openData ?? OPEN_DATA_DEFAULTS,
      publicUrl: mail.publicUrl,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
