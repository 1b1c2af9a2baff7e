import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { createGazetteer, loadUkGazetteer, type Gazetteer } from '../../lib/gazetteer';
import { coverageDelta, type Contribution } from './coverage.delta';
import { presentCoverage, presentCoverageDetail } from './coverage.presenter';

/** What a write's activities contributed before it: see `snapshot` and `record`. */
export interface CoverageSnapshot {
  ids: string[];
  before: Contribution[];
}

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

/** A territory with no unsupported cluster needs no place names, nor their loading. */
const NO_PLACES = createGazetteer([]);

/**
 * Coverage figures: public for everyone, plus a buyer's own pipeline for that buyer.
 * `places` names the unsupported clusters (the UK's towns unless given).
 */
export function createCoverageService(
  { repos }: ServiceDeps,
  places: () => Promise<Gazetteer> = loadUkGazetteer,
) {
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
     * Before a write that changes what these activities contribute (listing, editing,
     * closing, moving one; awarding lines to them): locks them and notes their
     * contributions. Pass the answer to `record` after the write, in the same transaction.
     */
    async snapshot(tx: Repos, activityIds: string[]): Promise<CoverageSnapshot> {
      const ids = [...new Set(activityIds)].sort();
      await tx.coverage.lockActivities(ids);
      return { ids, before: await tx.coverage.contributions(ids) };
    },

    /**
     * After the write: adds what it changed to the figures, and answers the territories it
     * touched, for the events that announce it.
     */
    async record(tx: Repos, { ids, before }: CoverageSnapshot): Promise<string[]> {
      const after = await tx.coverage.contributions(ids);
      const delta = coverageDelta(before, after);
      await tx.coverage.applyDelta(delta);
      return [...new Set(delta.territory.map((t) => t.territory))].sort();
    },

    /** The activities an SPO's sealed lines name, whose figures its award changes. */
    activitiesOfSpo(tx: Repos, spoId: string): Promise<string[]> {
      return tx.coverage.activitiesOfSpo(spoId);
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
        places: clusters.length === 0 ? NO_PLACES : await places(),
      });
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
