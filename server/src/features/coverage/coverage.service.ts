import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { presentCoverage, presentCoverageDetail } from './coverage.presenter';

/**
 * The monthly series from the first award's month to `now`'s, months without an award at
 * zero, so that a chart's gaps are real gaps. Empty before the first award.
 */
export function everyMonth(
  awarded: { month: string; pence: string }[],
  now: Date,
): CoverageDetail['monthly'] {
  if (awarded.length === 0) return [];
  const byMonth = new Map(awarded.map((m) => [m.month, Number(m.pence)]));
  const [year, month] = awarded[0]!.month.split('-').map(Number) as [number, number];
  const cursor = new Date(Date.UTC(year, month - 1, 1));
  const last = awarded.at(-1)!.month;
  const end = now.toISOString().slice(0, 7) > last ? now.toISOString().slice(0, 7) : last;
  const series: CoverageDetail['monthly'] = [];
  for (;;) {
    const key = cursor.toISOString().slice(0, 7);
    series.push({ month: key, committedPence: byMonth.get(key) ?? 0 });
    if (key >= end) return series;
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
}

/** Coverage figures: public for everyone, plus a buyer's own pipeline for that buyer. */
export function createCoverageService({ repos }: ServiceDeps) {
  const repo = repos.coverage;

  /** The buyer organisations the actor belongs to, whose pipeline it may see. */
  async function pipelineFor(actor: Actor): Promise<Map<string, number> | null> {
    if (actor.kind !== 'person') return null;
    const buyers = await repo.buyersAmong([...actor.memberships.keys()]);
    if (buyers.length === 0) return null;
    return repo.pipeline(buyers);
  }

  return {
    /**
     * Brings the figures up to date with an award, inside the award's own transaction (`tx`):
     * answers the territories it touched, for the events that announce it.
     */
    async recordAward(tx: Repos, spoId: string): Promise<string[]> {
      const touched = await tx.coverage.territoriesOfAward(spoId);
      await tx.coverage.refresh(touched);
      return touched;
    },

    /**
     * Brings the figures up to date with an activity written in `tx` (listed, edited, moved
     * from `previousTerritory`): answers the territories it touched.
     */
    async recordActivity(
      tx: Repos,
      activityId: string,
      previousTerritory?: string,
    ): Promise<string[]> {
      const now = await tx.coverage.territoryOfActivity(activityId);
      const touched = [...new Set([previousTerritory, now].filter((c): c is string => !!c))];
      await tx.coverage.refresh(touched);
      return touched;
    },

    async all(actor: Actor): Promise<TerritoryCoverage[]> {
      const pipeline = await pipelineFor(actor);
      return (await repo.all()).map((row) => presentCoverage(row, pipeline));
    },

    async one(actor: Actor, code: string): Promise<CoverageDetail> {
      const row = await repo.one(code);
      if (!row) throw new AppError('territory_not_found', 404, 'No territory has this code');
      const [pipeline, monthly, cells, clusters, links] = await Promise.all([
        pipelineFor(actor),
        repo.monthly(code),
        repo.hexCells(code),
        repo.unsupportedClusters(code),
        repo.awardedLinks(code),
      ]);
      return presentCoverageDetail(row, pipeline, {
        monthly: everyMonth(monthly, new Date()),
        cells,
        clusters,
        links,
      });
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
