/**
 * Run once per test run (by global-setup.js): builds a migrated, seeded database that
 * every test file then copies cheaply, instead of paying for initdb + PostGIS each time.
 * - Embedded: a PGlite data-dir dump written to a file; each test file loads it.
 * - PostgreSQL (TEST_DATABASE_URL): a template database; each file does CREATE DATABASE … TEMPLATE.
 * Prints one JSON line describing what it made.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/src/config';
import { openDatabase, openPglite } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { seedNeed } from '../../seed/need';
import { seedMeasures, seedTerritories } from '../../seed/seed';
import { adminUrl, TEMPLATE_DATABASE } from './postgres-url';

const { boundariesFile, tomsFile } = loadConfig();
const url = process.env.TEST_DATABASE_URL;

if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const database = await openDatabase({
    databaseUrl: adminUrl(url, TEMPLATE_DATABASE),
    poolSize: 1,
  });
  await migrate(database);
  await seedTerritories(database, boundariesFile);
  await seedMeasures(database, tomsFile);
  await seedNeed(database);
  await database.close();
  console.log(JSON.stringify({ kind: 'postgres', template: TEMPLATE_DATABASE }));
} else {
  const pglite = await openPglite('memory://');
  const database = await openDatabase({ pglite });
  await migrate(database);
  await seedTerritories(database, boundariesFile);
  await seedMeasures(database, tomsFile);
  await seedNeed(database);
  const dump = await pglite.dumpDataDir('none');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'impact-atlas-test-'));
  const file = path.join(dir, 'seeded.tar');
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  console.log(JSON.stringify({ kind: 'embedded', dump: file }));
}
