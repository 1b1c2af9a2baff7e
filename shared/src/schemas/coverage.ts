import type { FeatureCollection, Polygon } from 'geojson';
import type { BuyerSector } from './accounts';
import type { Confidence, CostArea, Theme } from './activities';

/** One territory's coverage: public figures from awarded SPOs only. */
export interface TerritoryCoverage {
  code: string;
  name: string;
  nation: string;
  activitiesListed: number;
  activitiesSupported: number;
  /** Share of listed activities with at least one awarded SPO, 0–1. */
  shareSupported: number;
  /** Primary impact: £ a year that awarded SPOs commit to activities here. */
  committedPence: number;
  committedByTheme: Partial<Record<Theme, number>>;
  committedBySector: Partial<Record<BuyerSector, number>>;
  /** Stated funding gaps less what awarded SPOs commit, never below zero per activity. */
  fundingGapPence: number;
  /** Secondary impact reported by supported activities; never added to the primary. */
  secondary: { area: CostArea; confidence: Confidence; annualPence: number }[];
  /**
   * The signed-in buyer's own pipeline here: submitted, unawarded SPOs on its tenders.
   * Present only for that buyer's members; null for everyone else.
   */
  pipelinePence: number | null;
  /**
   * Geographic spread on a grid of hexagons about 5 km across covering the territory: cells
   * in all, cells holding a listed activity, and of those, cells holding a supported one.
   */
  hexCells: number;
  hexCellsWithActivities: number;
  hexCellsSupported: number;
  /** hexCellsSupported ÷ hexCellsWithActivities, 0–1 (0 where no cell holds an activity). */
  spreadShare: number;
  updatedAt: string | null;
}

/** One occupied hexagonal cell of a territory's grid. */
export interface HexCellProperties {
  i: number;
  j: number;
  activitiesListed: number;
  activitiesSupported: number;
  committedPence: number;
}

/** One awarded SPO's commitment to one activity, drawn as a line from supplier to activity. */
export interface AwardedLink {
  spoId: string;
  /** `at`: [lon, lat] inside the supplier's first registered territory; null when it has none. */
  supplier: { id: string; name: string; at: [number, number] | null };
  activity: { id: string; title: string; at: [number, number] };
  annualPence: number;
}

/** A group of neighbouring cells whose activities no awarded SPO supports. */
export interface UnsupportedCluster {
  cells: number;
  activities: number;
  /** [lon, lat] of the group's middle. */
  centre: [number, number];
  /** [minLon, minLat, maxLon, maxLat] of the cells' centres. */
  bbox: [number, number, number, number];
}

export interface CoverageDetail extends TerritoryCoverage {
  /** Committed value a year awarded each month, from the first award to this month. */
  monthly: { month: string; committedPence: number }[];
  /** The occupied cells of the hexagonal grid (GeoJSON, lon/lat). */
  hexes: FeatureCollection<Polygon, HexCellProperties>;
  /** Awarded SPOs' links to activities here, largest first (at most 500): public. */
  awardedLinks: AwardedLink[];
  /** Where the unsupported clusters are, most activities first (at most ten). */
  unsupportedClusters: UnsupportedCluster[];
}
