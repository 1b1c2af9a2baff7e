import type { Kysely } from 'kysely';
import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { createCoverageRepo, type CoverageRow } from './coverage.repo';

function present(row: CoverageRow, pipeline: Map<string, number> | null): TerritoryCoverage {
  const listed = row.activities_listed ?? 0;
  const supported = row.activities_supported ?? 0;
  return {
    code: row.code,
    name: row.name,
    nation: row.nation,
    activitiesListed: listed,
    activitiesSupported: supported,
    shareSupported: listed === 0 ? 0 : Math.round((supported / listed) * 10_000) / 10_000,
    committedPence: Number(row.committed_pence ?? 0),
    committedByTheme: row.committed_by_theme ?? {},
    committedBySector: row.committed_by_sector ?? {},
    fundingGapPence: Number(row.funding_gap_pence ?? 0),
    secondary: (row.secondary ?? []) as TerritoryCoverage['secondary'],
    pipelinePence: pipeline ? (pipeline.get(row.code) ?? 0) : null,
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}

/** Coverage figures: public for everyone, plus a buyer's own pipeline for that buyer. */
export function createCoverageService(db: Kysely<Database>) {
  const repo = createCoverageRepo(db);

  /** The buyer organisations the actor belongs to, whose pipeline it may see. */
  async function pipelineFor(actor: Actor): Promise<Map<string, number> | null> {
    if (actor.kind !== 'person') return null;
    const buyers = await repo.buyersAmong([...actor.memberships.keys()]);
    if (buyers.length === 0) return null;
    return repo.pipeline(buyers);
  }

  return {
    async all(actor: Actor): Promise<TerritoryCoverage[]> {
      const pipeline = await pipelineFor(actor);
      return (await repo.all()).map((row) => present(row, pipeline));
    },

    async one(actor: Actor, code: string): Promise<CoverageDetail> {
      const row = await repo.one(code);
      if (!row) throw new AppError('territory_not_found', 404, 'No territory has this code');
      const [pipeline, monthly] = await Promise.all([pipelineFor(actor), repo.monthly(code)]);
      return {
        ...present(row, pipeline),
        monthly: monthly.map((m) => ({ month: m.month, committedPence: Number(m.pence) })),
      };
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
