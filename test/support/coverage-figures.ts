import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/src/db/schema';
import { createCoverageRepo } from '../../server/src/features/coverage/coverage.repo';

/** Every coverage figure, with the rows no one contributes to left out. */
export async function figures(db: Kysely<Database>) {
  const q = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    territories: await q(sql`
      SELECT territory_code, activities_listed, activities_supported, committed_pence::text,
        funding_gap_pence::text, hex_cells, hex_cells_listed, hex_cells_supported
      FROM territory_coverage ORDER BY territory_code`),
    cells: await q(sql`
      SELECT territory_code, i, j, activities_listed, activities_supported,
        committed_pence::text
      FROM hex_coverage WHERE activities_listed > 0 ORDER BY territory_code, i, j`),
    themes: await q(sql`
      SELECT territory_code, theme, committed_pence::text, activities
      FROM territory_coverage_themes WHERE activities > 0 ORDER BY 1, 2`),
    sectors: await q(sql`
      SELECT territory_code, buyer_sector, committed_pence::text, lines
      FROM territory_coverage_sectors WHERE lines > 0 ORDER BY 1, 2`),
    secondary: await q(sql`
      SELECT territory_code, area, confidence, annual_pence::text, activities
      FROM territory_coverage_secondary WHERE activities > 0 ORDER BY 1, 2, 3`),
    districts: await q(sql`
      SELECT territory_code, lad_code, committed_pence::text, activities
      FROM territory_coverage_lads WHERE activities > 0 ORDER BY 1, 2`),
    months: await q(sql`
      SELECT territory_code, month, committed_pence::text, lines
      FROM territory_coverage_months WHERE lines > 0 ORDER BY 1, 2`),
    links: await q(sql`
      SELECT territory_code, spo_id, activity_id, annual_pence::text, lines
      FROM territory_coverage_links WHERE lines > 0 ORDER BY 1, 2, 3`),
  };
}
export type Figures = Awaited<ReturnType<typeof figures>>;

/** What the rebuild makes of the same data, rolled back so the deltas carry on. */
export async function rebuilt(db: Kysely<Database>): Promise<Figures> {
  class Rollback extends Error {
    constructor(readonly result: Figures) {
      super('rollback');
    }
  }
  try {
    await db.transaction().execute(async (tx) => {
      await createCoverageRepo(tx).rebuildAll();
      throw new Rollback(await figures(tx));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
  throw new Error('unreachable');
}
