import { z } from 'zod';
import { PolygonShape, geoFeature, geoFeatureCollection } from '../geo';
import { PenceTotal } from '../money';
import { BuyerSector, Timestamp } from './accounts';
import { Confidence, CostArea, Theme } from './activities';
import { TerritoryNeed } from './need';

// Responses: TerritoryCoverage[] (GET /api/coverage), CoverageDetail (GET /api/coverage/:code).

/** A share from 0 to 1. */
const Share = z.number().min(0).max(1);
/** [lon, lat]. */
const LonLatPair = z.tuple([z.number(), z.number()]);

/** One territory's coverage: public figures from awarded SPOs only. */
export const TerritoryCoverage = z.object({
  code: z.string(),
  name: z.string(),
  nation: z.string(),
  activitiesListed: z.number().int().min(0),
  activitiesSupported: z.number().int().min(0),
  /** Share of listed activities with at least one awarded SPO, 0–1. */
  shareSupported: Share,
  /** Primary impact: £ a year that awarded SPOs commit to activities here. */
  committedPence: PenceTotal,
  committedByTheme: z.partialRecord(Theme, z.number()),
  committedBySector: z.partialRecord(BuyerSector, z.number()),
  /** Stated funding gaps less what awarded SPOs commit, never below zero per activity. */
  fundingGapPence: PenceTotal,
  /** Secondary impact reported by supported activities; never added to the primary. */
  secondary: z.array(z.object({ area: CostArea, confidence: Confidence, annualPence: z.number() })),
  /**
   * The signed-in buyer's own pipeline here: submitted, unawarded SPOs on its tenders.
   * Present only for that buyer's members; null for everyone else.
   */
  pipelinePence: PenceTotal.nullable(),
  /**
   * Geographic spread on a grid of hexagons about 5 km across covering the territory: cells
   * in all, cells holding a listed activity, and of those, cells holding a supported one.
   */
  hexCells: z.number().int().min(0),
  hexCellsWithActivities: z.number().int().min(0),
  hexCellsSupported: z.number().int().min(0),
  /** hexCellsSupported ÷ hexCellsWithActivities, 0–1 (0 where no cell holds an activity). */
  spreadShare: Share,
  updatedAt: Timestamp.nullable(),
  /** The territory's need from open data (its districts weighted by population); null: no data. */
  need: TerritoryNeed.nullable(),
  /**
   * committedPence ÷ the territory's population: pence a year per resident, to four decimal
   * places. Null where the population is unknown.
   */
  committedPencePerHead: z.number().min(0).nullable(),
  /**
   * Share of committedPence going to activities in districts of the UK's most deprived
   * quintile (deprivation quintile 1), 0–1. Null where nothing is committed, or none of it
   * lies in a district whose quintile is known.
   */
  mostDeprivedQuintileCommittedShare: Share.nullable(),
  /**
   * Delivered beside committed: cash and in-kind pence that the providers of activities here
   * confirmed receiving on awarded SPOs (confirmed and part-confirmed reports that no
   * correction supersedes), over the contracts so far. A running total to date, where
   * `committedPence` is a year's commitment.
   */
  deliveredPence: PenceTotal,
  /** Volunteering hours confirmed delivered to activities here to date; never added to pence. */
  deliveredHours: z.number().min(0),
});
export type TerritoryCoverage = z.infer<typeof TerritoryCoverage>;

/** One occupied hexagonal cell of a territory's grid. */
export const HexCellProperties = z.object({
  i: z.number().int(),
  j: z.number().int(),
  activitiesListed: z.number().int().min(0),
  activitiesSupported: z.number().int().min(0),
  committedPence: PenceTotal,
});
export type HexCellProperties = z.infer<typeof HexCellProperties>;

/** One awarded SPO's commitment to one activity, drawn as a line from supplier to activity. */
export const AwardedLink = z.object({
  spoId: z.string(),
  /** `at`: [lon, lat] inside the supplier's first registered territory; null when it has none. */
  supplier: z.object({ id: z.string(), name: z.string(), at: LonLatPair.nullable() }),
  activity: z.object({ id: z.string(), title: z.string(), at: LonLatPair }),
  annualPence: PenceTotal,
});
export type AwardedLink = z.infer<typeof AwardedLink>;

/** A group of neighbouring cells whose activities no awarded SPO supports. */
export const UnsupportedCluster = z.object({
  cells: z.number().int().min(1),
  activities: z.number().int().min(0),
  /** [lon, lat] of the group's middle. */
  centre: LonLatPair,
  /** [minLon, minLat, maxLon, maxLat] of the cells' centres. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /**
   * The town or city the group is known by (GeoNames' places of 1,000 people or more: the
   * largest within 8 km, else the nearest), with its distance from the group's middle; null
   * when no place is within 40 km.
   */
  near: z.object({ name: z.string(), km: z.number().min(0) }).nullable(),
});
export type UnsupportedCluster = z.infer<typeof UnsupportedCluster>;

export const CoverageDetail = TerritoryCoverage.extend({
  /** Committed value a year awarded each month, from the first award to this month. */
  monthly: z.array(
    z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), committedPence: PenceTotal }),
  ),
  /** The occupied cells of the hexagonal grid (GeoJSON, lon/lat). */
  hexes: geoFeatureCollection(geoFeature(PolygonShape, HexCellProperties)),
  /** Awarded SPOs' links to activities here, largest first (at most 500): public. */
  awardedLinks: z.array(AwardedLink),
  /** Where the unsupported clusters are, most activities first (at most ten). */
  unsupportedClusters: z.array(UnsupportedCluster),
});
export type CoverageDetail = z.infer<typeof CoverageDetail>;
