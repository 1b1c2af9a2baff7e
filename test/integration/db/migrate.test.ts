import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import { listMigrations, migrate } from '../../../server/src/db/migrate';
import { adminUrl } from '../../support/postgres-url';
import { createTestDatabase } from '../../support/test-database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('migrations', () => {
  it('records every migration file once', async () => {
    const files = (await listMigrations()).map((m) => m.version);
    expect(files.length).toBeGreaterThan(0);
    const rows = await database.db
      .selectFrom('schema_migrations')
      .select('version')
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.version)).toEqual(files);
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(database)).toEqual([]);
  });

  it('creates territories with a MultiPolygon 4326 geometry and a GiST index', async () => {
    const { rows: columns } = await sql<{ f_geometry_column: string; srid: number; type: string }>`
      SELECT f_geometry_column, srid, type FROM geometry_columns WHERE f_table_name = 'territories'
      ORDER BY f_geometry_column`.execute(database.db);
    expect(columns).toEqual([
      { f_geometry_column: 'geom', srid: 4326, type: 'MULTIPOLYGON' },
      { f_geometry_column: 'geom_display', srid: 4326, type: 'MULTIPOLYGON' },
    ]);
    const { rows: indexes } = await sql<{ indexdef: string }>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'territories'`.execute(database.db);
    expect(indexes.some((i) => /USING gist \(geom\)/.test(i.indexdef))).toBe(true);
  });

  it('stores only valid territory geometry', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM territories WHERE ST_IsValid(geom) AND ST_IsValid(geom_display)`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(45);
  });
});

// Several server processes exist only with a real PostgreSQL; PGlite is one process.
const pgUrl = process.env.TEST_DATABASE_URL;
(pgUrl ? describe : describe.skip)('migrations on a shared PostgreSQL', () => {
  it('apply each migration once when several processes start at the same moment', async () => {
    const name = `impact_atlas_migrate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const handles = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: adminUrl(pgUrl!, name) })),
    );
    try {
      const applied = await Promise.all(handles.map((h) => migrate(h)));
      const files = (await listMigrations()).map((m) => m.version);
      expect(applied.flat().sort()).toEqual(files);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
