import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { openDatabase, openPglite, type DatabaseHandle } from '../../server/src/db/client';
import { adminUrl, TEMPLATE_DATABASE } from './postgres-url';

type Prepared = { kind: 'embedded'; dump: string } | { kind: 'postgres'; template: string };

function prepared(): Prepared {
  const raw = process.env.IA_TEST_DATABASE;
  if (!raw) throw new Error('IA_TEST_DATABASE is unset: run the tests through `npm test`');
  return JSON.parse(raw) as Prepared;
}

/**
 * A private copy of the migrated, seeded test database for one test file: a PGlite loaded
 * from the run's dump, or a PostgreSQL database cloned from the run's template.
 * `close()` throws the copy away.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const p = prepared();
  if (p.kind === 'embedded') {
    const dump = await fs.readFile(p.dump);
    return openDatabase({ pglite: await openPglite('memory://', new Blob([dump])) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `impact_atlas_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ databaseUrl: adminUrl(url, name), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => drop.end());
    },
  };
}
