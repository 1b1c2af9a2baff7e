import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './client';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any fixed number will do; it only has to be the same in every process of this app.
const MIGRATION_LOCK_ID = 7_263_001;

/** The migration files in order: `NNNN_name.sql`, applied once each, oldest first. */
export async function listMigrations(): Promise<{ version: string; file: string }[]> {
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));
  return files.sort().map((file) => ({ version: file.replace(/\.sql$/, ''), file }));
}

/** The migrations not yet applied to this database (all of them on a new one), oldest first. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const migrations = await listMigrations();
  const applied = await handle.withSession(async (run) => {
    const [table] = await run(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
    if (!table?.present) return new Set<string>();
    const rows = await run('SELECT version FROM schema_migrations');
    return new Set(rows.map((r) => String(r.version)));
  });
  return migrations.map((m) => m.version).filter((v) => !applied.has(v));
}

/**
 * Applies the SQL migrations not yet applied, each in its own transaction with its
 * bookkeeping row. A session-level advisory lock makes concurrent starts of several
 * processes take turns instead of applying a migration twice.
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const migrations = await listMigrations();
  return handle.withSession(async (run) => {
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const rows = await run('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => String(r.version)));
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        const body = await fs.readFile(path.join(MIGRATIONS_DIR, m.file), 'utf8');
        const version = m.version.replace(/'/g, "''");
        await run(
          `BEGIN;\n${body}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`,
        );
        done.push(m.version);
      }
      return done;
    } catch (error) {
      await run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
    }
  });
}
