import { z } from 'zod';
import { MultiPolygonShape, geoFeature, geoFeatureCollection } from '../geo';
import { TerritoryCode } from './territories';

// Responses: LadNeedCollection (GET /api/need/lads), TerritoryNeedList (GET /api/need/territories),
// TerritoryNeedDetail (GET /api/need/territories/:code).
// Every figure is null where the open data has none: "no data", never 0.

/** An ONS local authority district code (LAD23): E06/E07/E08/E09, W06, S12, N09. */
export const LadCode = z
  .string()
  .regex(/^[ENSW]\d{8}$/, 'must be an ONS district code such as E06000001');
export type LadCode = z.infer<typeof LadCode>;

/** Quintile of mySociety's composite UK deprivation index: 1 = most deprived fifth. */
export const DeprivationQuintile = z.number().int().min(1).max(5);

/** The English IMD 2025 domains the need data carries (England only). */
export const Imd2025Domains = [
  'imd',
  'income',
  'employment',
  'education_skills_and_training',
  'health_deprivation_and_disability',
  'crime',
  'barriers_to_housing_and_services',
  'living_environment',
] as const;
export const Imd2025Domain = z.enum(Imd2025Domains);
export type Imd2025Domain = z.infer<typeof Imd2025Domain>;
export const IMD2025_DOMAIN_LABELS: Record<Imd2025Domain, string> = {
  imd: 'Overall (Index of Multiple Deprivation)',
  income: 'Income',
  employment: 'Employment',
  education_skills_and_training: 'Education, skills and training',
  health_deprivation_and_disability: 'Health and disability',
  crime: 'Crime',
  barriers_to_housing_and_services: 'Barriers to housing and services',
  living_environment: 'Living environment',
};

/** One domain of the English IMD 2025 for a district: rank 1 = most deprived of 296. */
export const Imd2025Figure = z.object({
  averageScore: z.number().nullable(),
  rankOfAverageScore: z.number().int().nullable(),
  /** Share of the district's neighbourhoods (LSOAs) in England's most deprived 10%, 0–1. */
  shareInMostDeprived10pc: z.number().nullable(),
});

/** A district's need figures. */
export const LadNeed = z.object({
  code: LadCode,
  name: z.string(),
  territoryCode: TerritoryCode,
  population: z.number().int().nullable(),
  deprivationScore: z.number().nullable(),
  deprivationQuintile: DeprivationQuintile.nullable(),
  deprivationDecile: z.number().int().min(1).max(10).nullable(),
  /** Share of people in the district's most deprived neighbourhoods, 0–1. */
  highDeprivationShare: z.number().min(0).max(1).nullable(),
  childPovertyPct: z.number().nullable(),
  childPovertyPeriod: z.string().nullable(),
  claimantPct: z.number().nullable(),
  claimantPeriod: z.string().nullable(),
  /** England only; null in Wales, Scotland and Northern Ireland. */
  imd2025: z.partialRecord(Imd2025Domain, Imd2025Figure).nullable(),
});
export type LadNeed = z.infer<typeof LadNeed>;

/** `GET /api/need/lads`: every district with its display boundary and need figures. */
export const LadNeedFeature = geoFeature(MultiPolygonShape, LadNeed);
export const LadNeedCollection = geoFeatureCollection(LadNeedFeature);
export type LadNeedCollection = z.infer<typeof LadNeedCollection>;

/** A territory's need: its districts' figures weighted by population. */
export const TerritoryNeed = z.object({
  code: TerritoryCode,
  population: z.number().int().nullable(),
  deprivationScore: z.number().nullable(),
  /** Share of the population living in districts of the UK's most deprived quintile, 0–1. */
  mostDeprivedQuintileShare: z.number().min(0).max(1).nullable(),
  childPovertyPct: z.number().nullable(),
  childPovertyPeriod: z.string().nullable(),
  claimantPct: z.number().nullable(),
  claimantPeriod: z.string().nullable(),
  /** ONS homicides per million population over three years; England and Wales only. */
  homicidePerMillion: z.number().nullable(),
  homicidePeriod: z.string().nullable(),
  /** Districts in the territory. */
  lads: z.number().int().min(0),
});
export type TerritoryNeed = z.infer<typeof TerritoryNeed>;

export const TerritoryNeedList = z.array(TerritoryNeed);

/** `GET /api/need/territories/:code`: the roll-up and the districts behind it. */
export const TerritoryNeedDetail = z.object({
  territory: TerritoryNeed,
  lads: z.array(LadNeed),
});
export type TerritoryNeedDetail = z.infer<typeof TerritoryNeedDetail>;

/** What to show wherever these figures are used (seed/data/need/SOURCE.md). */
export const NEED_ATTRIBUTION = [
  'Contains public sector information licensed under the Open Government Licence v3.0 (ONS, MHCLG).',
  'Composite UK IMD and local authority codes: mySociety, CC BY 4.0.',
] as const;
