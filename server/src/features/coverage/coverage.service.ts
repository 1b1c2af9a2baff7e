import type { Kysely } from 'kysely';
import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { createCoverageRepo, type CoverageRow } from './coverage.repo';

function present(row: CoverageRow, pipeline: Map<string, number> | null): TerritoryCoverage {
  const listed = row.activities_listed ?? 0;
  const supported = row.activities_supported ?? 0;
  const cellsListed = row.hex_cells_listed ?? 0;
  const cellsSupported = row.hex_cells_supported ?? 0;
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
    hexCells: row.hex_cells ?? 0,
    hexCellsWithActivities: cellsListed,
    hexCellsSupported: cellsSupported,
    spreadShare:
      cellsListed === 0 ? 0 : Math.round((cellsSupported / cellsListed) * 10_000) / 10_000,
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
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
      const [pipeline, monthly, cells, clusters, links] = await Promise.all([
        pipelineFor(actor),
        repo.monthly(code),
        repo.hexCells(code),
        repo.unsupportedClusters(code),
        repo.awardedLinks(code),
      ]);
      return {
        ...present(row, pipeline),
        monthly: everyMonth(monthly, new Date()),
        hexes: {
          type: 'FeatureCollection',
          features: cells.map((c) => ({
            type: 'Feature',
            geometry: c.geometry,
            properties: {
              i: c.i,
              j: c.j,
              activitiesListed: c.activities_listed,
              activitiesSupported: c.activities_supported,
              committedPence: Number(c.committed_pence),
            },
          })),
        },
        awardedLinks: links.map((l) => ({
          spoId: l.spo_id,
          supplier: {
            id: l.supplier_id,
            name: l.supplier_name,
            at: l.supplier_at ? [Number(l.supplier_at[0]), Number(l.supplier_at[1])] : null,
          },
          activity: {
            id: l.activity_id,
            title: l.activity_title,
            at: [l.activity_lon, l.activity_lat],
          },
          annualPence: Number(l.annual_pence),
        })),
        unsupportedClusters: clusters.map((c) => ({
          cells: c.cells,
          activities: c.activities,
          centre: c.centre.coordinates,
          bbox: c.bbox,
        })),
      };
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
