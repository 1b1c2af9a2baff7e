import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema';

export type DatabaseKind = 'embedded' | 'postgres';

/** Runs a multi-statement SQL script and answers the rows of its last statement. */
export type ScriptRunner = (sqlText: string) => Promise<Record<string, unknown>[]>;

/**
 * One open database, whichever back end: queries go through `db`; `withSession` lends one
 * session that runs multi-statement scripts (migrations), which Kysely's prepared
 * statements cannot, and keeps session-level locks for as long as `fn` runs.
 */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  withSession<T>(fn: (run: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * How long the server waits on PostgreSQL: for a connection, and for one statement. Unset
 * for migrations and seeding, which may take longer than any request should.
 */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
}

export type DatabaseOptions =
  | { databaseUrl: string; poolSize?: number; timeouts?: DatabaseTimeouts }
  | { dataDir: string }
  | { pglite: PGlite };

/** Opens a PGlite database with PostGIS: in a folder, in memory (`memory://`) or from a dump. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir && !dataDir.includes('://')) await fs.mkdir(dataDir, { recursive: true });
  return PGlite.create({ dataDir, loadDataDir, extensions: { postgis } });
}

/** Opens the database the options describe: a PostgreSQL server by URL, or embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('databaseUrl' in options)
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.timeouts);
  const pglite = 'pglite' in options ? options.pglite : await openPglite(options.dataDir);
  // The dialect queues Kysely's connections; PGlite has one session, so scripts share it.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'embedded',
    withSession: (fn) =>
      fn(async (sqlText) => {
        const results = await pglite.exec(sqlText);
        return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
      }),
    close: async () => {
      await db.destroy();
      // Kysely closes PGlite only if it ever queried it; an unclosed PGlite keeps Node alive.
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(
  databaseUrl: string,
  poolSize: number,
  timeouts?: DatabaseTimeouts,
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    // No JIT: its compilation (over a second for the matching query at 100,000 activities,
    // bench/matching.ts) costs more than it saves on the short queries a web app runs.
    options: '-c jit=off',
    ...(timeouts
      ? {
          connectionTimeoutMillis: timeouts.connectMs,
          // On the server (the statement ends there, its locks with it) and in the client (a
          // frozen server never answers the cancel either).
          statement_timeout: timeouts.statementMs,
          query_timeout: timeouts.statementMs + 1000,
        }
      : {}),
  });
  // A client dropped by the server (restart, failover, pg_terminate_backend) must not crash
  // the process: idle ones report to the pool, and each client, checked out or not, gets a
  // listener of its own. The query it was running fails; the pool replaces the client.
  pool.on('error', (error) => console.error('PostgreSQL idle client error:', error.message));
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error('PostgreSQL client error:', error.message));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    withSession: async (fn) => {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        return await fn(async (sqlText) => {
          // With no parameters node-postgres uses the simple protocol, which takes many statements.
          const result = (await client.query(sqlText)) as pg.QueryResult | pg.QueryResult[];
          const last = Array.isArray(result) ? result.at(-1) : result;
          return (last?.rows ?? []) as Record<string, unknown>[];
        });
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // After a failure the session may be dead (its backend killed) or hold session state:
        // the pool drops it rather than lend it to the next caller.
        client.release(failure);
      }
    },
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ever used it; withSession may have used it alone.
      if (!pool.ended) await pool.end();
    },
  };
}
