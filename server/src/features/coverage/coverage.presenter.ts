import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { Gazetteer } from '../../lib/gazetteer';
import { presentTerritoryNeed } from '../need/need.presenter';
import type { CoverageRow, CoverageRepo } from './coverage.repo';

type Rows<K extends keyof CoverageRepo> = Awaited<ReturnType<CoverageRepo[K]>>;

/** A ratio rounded to four decimal places, as the API gives shares. */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** One territory's figures; `pipeline` is the viewer's own (a buyer's), else null. */
export function presentCoverage(
  row: CoverageRow,
  pipeline: Map<string, number> | null,
): TerritoryCoverage {
  const listed = row.activities_listed ?? 0;
  const supported = row.activities_supported ?? 0;
  const cellsListed = row.hex_cells_listed ?? 0;
  const cellsSupported = row.hex_cells_supported ?? 0;
  const committed = Number(row.committed_pence ?? 0);
  const need = row.need ? presentTerritoryNeed({ code: row.code, ...row.need }) : null;
  const population = need?.population ?? null;
  const mostDeprived = Number(row.most_deprived_pence ?? 0);
  // Money in districts whose quintile nobody knows says nothing either way: "no data".
  const quintileKnown = Number(row.quintile_known_pence ?? 0);
  return {
    code: row.code,
    name: row.name,
    nation: row.nation,
    activitiesListed: listed,
    activitiesSupported: supported,
    shareSupported: listed === 0 ? 0 : round4(supported / listed),
    committedPence: committed,
    committedByTheme: row.committed_by_theme ?? {},
    committedBySector: row.committed_by_sector ?? {},
    fundingGapPence: Number(row.funding_gap_pence ?? 0),
    secondary: (row.secondary ?? []) as TerritoryCoverage['secondary'],
    pipelinePence: pipeline ? (pipeline.get(row.code) ?? 0) : null,
    hexCells: row.hex_cells ?? 0,
    hexCellsWithActivities: cellsListed,
    hexCellsSupported: cellsSupported,
    spreadShare: cellsListed === 0 ? 0 : round4(cellsSupported / cellsListed),
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
    need,
    committedPencePerHead: population ? round4(committed / population) : null,
    mostDeprivedQuintileCommittedShare:
      committed > 0 && quintileKnown > 0 ? round4(mostDeprived / committed) : null,
    deliveredPence: Math.round(Number(row.delivered_pence)),
    deliveredHours: Math.round(Number(row.delivered_hours) * 100) / 100,
  };
}

/** One territory in detail: its figures, monthly series, cells, links and clusters. */
export function presentCoverageDetail(
  row: CoverageRow,
  pipeline: Map<string, number> | null,
  parts: {
    monthly: CoverageDetail['monthly'];
    cells: Rows<'hexCells'>;
    clusters: Rows<'unsupportedClusters'>;
    links: Rows<'awardedLinks'>;
    /** Names the clusters by the places they are near. */
    places: Gazetteer;
  },
): CoverageDetail {
  const { monthly, cells, clusters, links, places } = parts;
  return {
    ...presentCoverage(row, pipeline),
    monthly,
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
      near: places.nearest(...c.centre.coordinates),
    })),
  };
}
