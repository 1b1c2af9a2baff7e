import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../server/src/db/client';

/**
 * Tables whose rows a refused request may legitimately change, each with why. Every other
 * table of the public schema is counted before and after each refused request.
 */
export const MAY_CHANGE_ON_REFUSAL: Readonly<Record<string, string>> = {
  // PostGIS's own catalogue of coordinate systems, installed into the public schema with the
  // extension: no statement of the app writes it, and counting its 8,500 rows before and after
  // every request would cost more than the rest of the snapshot together.
  spatial_ref_sys: 'PostGIS reference data, not the app’s',
  // Kept match scores (migration 0019) are derived, built and brought up to date by reading a
  // tender's matches (any role may), and their log is tidied then: a refused write between
  // two reads sees them change. Their inputs (activities, measures, the ledger) are counted.
  tender_match_state: 'derived: written by reads of matches',
  tender_match_scores: 'derived: written by reads of matches',
  match_dirty: 'derived: tidied by reads of matches',
};

/** The row count of every table, by name; equal snapshots mean nothing was added or removed. */
export type RowCounts = Record<string, number>;

/** Takes snapshots of every counted table in one SQL statement each. */
export interface RowCounter {
  tables: readonly string[];
  snapshot(): Promise<RowCounts>;
}

/** Finds the public schema's tables once, and builds the one statement that counts them all. */
export async function rowCounter(database: DatabaseHandle): Promise<RowCounter> {
  const found = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name`.execute(database.db);
  const tables = found.rows
    .map((r) => r.table_name)
    .filter((name) => !(name in MAY_CHANGE_ON_REFUSAL));
  const counts = tables.map((name) => sql`(SELECT count(*) FROM ${sql.table(name)})`);
  const statement = sql<{ counts: string[] }>`SELECT ARRAY[${sql.join(counts)}]::text[] AS counts`;
  return {
    tables,
    async snapshot() {
      const result = await statement.execute(database.db);
      const row = result.rows[0]!;
      return Object.fromEntries(tables.map((name, i) => [name, Number(row.counts[i])]));
    },
  };
}

/** The tables whose counts differ between two snapshots, as `table: before → after`. */
export function countChanges(before: RowCounts, after: RowCounts): string[] {
  return Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} → ${after[name]}`);
}
