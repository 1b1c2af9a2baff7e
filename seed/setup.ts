/**
 * `npm run db:setup` (compiled: `node dist/server/setup.js`): the step before the server
 * starts. Applies pending migrations, imports the reference data into an empty database
 * (territories, TOMs measures) and, when demo data is on, the demo accounts, activities,
 * open tender and story (an awarded contract, a closed tender to evaluate). Safe to run on
 * every start: it changes nothing that is already there.
 */
import { loadConfig, type Config } from '../server/src/config';
import type { DatabaseHandle } from '../server/src/db/client';
import { openDatabaseFromConfig } from '../server/src/db/open';
import { createLogger, type Logger } from '../server/src/lib/logger';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoStoryIfEmpty } from './demo-story';
import {
  seedDemoActivitiesIfEmpty,
  seedDemoTenderIfEmpty,
  seedIfEmpty,
  seedMeasuresIfEmpty,
} from './seed';
import { NeedDataError, seedNeedIfEmpty } from './need';
import { BoundariesError } from './territories';
import { MeasuresFileError } from './toms';

/** Seeds what a migrated database lacks: reference data always, demo data when `config.demo`. */
async function setUpDatabase(
  database: DatabaseHandle,
  config: Config,
  logger: Pick<Logger, 'info'>,
): Promise<void> {
  if (await seedIfEmpty(database, config.boundariesFile)) logger.info('Seeded the territories');
  if (await seedMeasuresIfEmpty(database, config.tomsFile))
    logger.info('Imported the TOMs measures');
  if (await seedNeedIfEmpty(database))
    logger.info('Imported the districts and their need figures (seed/data/need)');
  if (!config.demo) return;
  if (await seedDemoAccounts(database, config.session.passwordHashCost)) {
    logger.info('Created the demo accounts (password: demo-password); see README');
  }
  const n = await seedDemoActivitiesIfEmpty(database, config.boundariesFile);
  if (n > 0) logger.info(`Generated ${n} demo activities (npm run db:seed -- --activities N)`);
  if (await seedDemoTenderIfEmpty(database, config.ocidPrefix))
    logger.info('Published a demo tender for the demo buyer');
  if ((await seedDemoStoryIfEmpty(database, config.ocidPrefix)) > 0)
    logger.info('Added the demo story: an awarded contract and a closed tender to evaluate');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabaseFromConfig(config);
  try {
    await setUpDatabase(database, config, logger);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof BoundariesError ||
      error instanceof MeasuresFileError ||
      error instanceof NeedDataError
      ? error.message
      : error,
  );
  process.exit(1);
});
