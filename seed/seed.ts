import type { DatabaseHandle } from '../server/src/db/client';
import {
  createTerritoriesRepo,
  type TerritoryImport,
} from '../server/src/features/territories/territories.repo';
import { createTomsRepo } from '../server/src/features/toms/toms.repo';
import { createActivitiesRepo } from '../server/src/features/activities/activities.repo';
import { toActivityWrite } from '../server/src/features/activities/activities.service';
import { createAuditRepo } from '../server/src/features/audit/audit.repo';
import { createCoverageRepo } from '../server/src/features/coverage/coverage.repo';
import { createOrganisationsRepo } from '../server/src/features/organisations/organisations.repo';
import { generateDemoCatalogue } from './demo-activities';
import { DEMO_BUYER_NAME, DEMO_PROVIDER_NAME, DEMO_TENDER_REFERENCE } from './demo-accounts';
import { demoTenderPriorities, londonNoonIn } from './demo-story';
import { createTendersRepo } from '../server/src/features/tenders/tenders.repo';
import { randomUUID } from 'node:crypto';
import { territoryLocator, ukPlaces } from './places';
import { readTerritoryBoundaries } from './territories';
import { readMeasures, STARTER_FRAMEWORK } from './toms';

/** Replaces the territories with checked ones from `readTerritoryBoundaries`, in one transaction. */
export async function importTerritories(
  database: DatabaseHandle,
  territories: TerritoryImport[],
): Promise<number> {
  await createTerritoriesRepo(database).replaceAll(territories);
  return territories.length;
}

/** Imports (or re-imports) the 45 territories from the boundaries file. */
export async function seedTerritories(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<number> {
  return importTerritories(database, await readTerritoryBoundaries(boundariesFile));
}

/** Seeds what an empty database needs to be useful; does nothing to one already seeded. */
export async function seedIfEmpty(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<boolean> {
  if ((await createTerritoriesRepo(database).count()) > 0) return false;
  await seedTerritories(database, boundariesFile);
  return true;
}

/** Imports (or re-imports) the starter TOMs framework from the measures CSV. */
export async function seedMeasures(database: DatabaseHandle, tomsFile: string): Promise<number> {
  const framework = await readMeasures(tomsFile);
  await createTomsRepo(database.db).replaceFramework(framework);
  return framework.measures.length;
}

/** Imports the TOMs measures when no framework exists yet. */
export async function seedMeasuresIfEmpty(
  database: DatabaseHandle,
  tomsFile: string,
): Promise<boolean> {
  if ((await createTomsRepo(database.db).countFrameworks()) > 0) return false;
  await seedMeasures(database, tomsFile);
  return true;
}

export const DEFAULT_DEMO_ACTIVITIES = 1_500;
export const DEFAULT_DEMO_SEED = 1;

/**
 * Replaces the demo catalogue with a generated one (`generateDemoCatalogue`), in one
 * transaction: demo providers, their activities and measures, and one audit entry. Demo
 * activities that an SPO names (a live line or a sealed version) are kept as they are, with
 * their providers, so that re-seeding never rewrites a supplier's history; a generated
 * activity or provider with a kept one's id (the same seed again) is that one, not written
 * twice. The demo provider account's organisation, if present, takes over a few activities
 * in its territory so that signing in as it shows something to edit. Answers how many
 * activities it wrote.
 */
export async function seedDemoActivities(
  database: DatabaseHandle,
  options: { count: number; seed: number; territories: TerritoryImport[] },
): Promise<number> {
  const places = ukPlaces(options.territories);
  const { locate, contains } = territoryLocator(options.territories);
  const measureCodes = new Set(
    (await createTomsRepo(database.db).measures(STARTER_FRAMEWORK.id)).map((m) => m.code),
  );
  const catalogue = generateDemoCatalogue({
    count: options.count,
    seed: options.seed,
    places,
    inTerritory: (lon, lat, code) => contains(code, lon, lat),
    measureCodes,
  });
  return database.db.transaction().execute(async (tx) => {
    const activities = createActivitiesRepo(tx);
    const organisations = createOrganisationsRepo(tx);
    const kept = await activities.deleteDemoOutsideSpos();
    const keptIds = new Set(kept.map((k) => k.id));
    const keptProviders = new Set(kept.map((k) => k.providerId));
    // Deletes the demo providers left with no activities; those of kept activities remain.
    await organisations.deleteUnusedDemo();
    await organisations.insertMany(
      catalogue.providers
        .filter((p) => !keptProviders.has(p.id))
        .map((p) => ({ ...p, kind: 'provider', isDemo: true })),
    );
    const fresh = catalogue.activities.filter((a) => !keptIds.has(a.id));
    let written = 0;
    for (let i = 0; i < fresh.length; i += 1000) {
      const batch = fresh.slice(i, i + 1000);
      const inserted = await activities.insert(
        batch.map((a) => ({
          ...toActivityWrite(a.input, a.providerId, { id: a.id, demo: true }),
          ...(a.closed ? { status: 'closed' as const } : {}),
        })),
      );
      written += inserted.size;
      await activities.addMeasures(
        batch
          .filter((a) => inserted.has(a.id))
          .flatMap((a) =>
            a.input.measures.map((m) => ({
              activity_id: a.id,
              framework_id: m.framework,
              measure_code: m.code,
            })),
          ),
      );
    }
    const demoProvider = await organisations.findByName(DEMO_PROVIDER_NAME);
    if (demoProvider) {
      const home = demoProvider.territories[0];
      await activities.reassign(
        catalogue.activities
          .filter((a) => locate(a.input.location.lon, a.input.location.lat)?.code === home)
          .slice(0, 5)
          .map((a) => a.id),
        demoProvider.id,
      );
    }
    await createCoverageRepo(tx).rebuildAll();
    await createAuditRepo(tx).record({
      actorId: null,
      actingOrganisationId: null,
      requestId: null,
      organisationId: null,
      action: 'activities.seeded',
      objectType: 'activity',
      objectId: 'demo',
      summary: {
        activities: written,
        providers: catalogue.providers.length,
        seed: options.seed,
        keptForSpos: kept.length,
      },
    });
    return written;
  });
}

/** Seeds the default demo catalogue when there are no activities at all. */
export async function seedDemoActivitiesIfEmpty(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<number> {
  if ((await createActivitiesRepo(database.db).countAll()) > 0) return 0;
  return seedDemoActivities(database, {
    count: DEFAULT_DEMO_ACTIVITIES,
    seed: DEFAULT_DEMO_SEED,
    territories: await readTerritoryBoundaries(boundariesFile),
  });
}

/**
 * Gives the demo buyer an open tender (closing at noon, London time, 30 days after the first
 * start), so that the demo supplier has something to build an SPO for. Does nothing if any
 * tender exists.
 */
export async function seedDemoTenderIfEmpty(
  database: DatabaseHandle,
  ocidPrefix: string,
): Promise<boolean> {
  const buyer = await createOrganisationsRepo(database.db).findByName(DEMO_BUYER_NAME);
  if (!buyer) return false;
  const existing = await createTendersRepo(database.db).list({}, [buyer.id], 1, 1);
  if (existing.total > 0) return false;
  const id = randomUUID();
  await database.db.transaction().execute(async (tx) => {
    const tenders = createTendersRepo(tx);
    await tenders.insert(
      {
        id,
        ocid: `${ocidPrefix}-${id}`,
        buyer_id: buyer.id,
        title: 'Custody healthcare services (demo)',
        reference: DEMO_TENDER_REFERENCE,
        description:
          'Demo data: healthcare for people detained in Thames Valley custody suites. ' +
          'Bidders commit social value through Social Purchase Orders.',
        annual_value_pence: 150_000_000,
        duration_years: 3,
        start_date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        baseline_pence_per_million: 500_000,
        weighting_pct: 10,
        mid_pence_per_million: 750_000,
        higher_ambition_pence_per_million: 1_000_000,
        closes_at: londonNoonIn(30),
      },
      ['E23000029'],
      // Care leavers first: the One in a Million playbook's lead cohort.
      await demoTenderPriorities(tenders, {
        themes: ['safer', 'healthier'],
        groups: ['care_leavers', 'young_people_at_risk'],
        measures: [{ code: 'NT4' }, { code: 'NT29' }],
        deliverySites: [
          { label: 'Abingdon custody suite', location: { lon: -1.2822, lat: 51.6708 } },
        ],
      }),
    );
    await tenders.publish(id);
  });
  return true;
}
