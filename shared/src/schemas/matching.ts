import { z } from 'zod';
import { MatchFactors } from '../matching';
import { PenceTotal } from '../money';
import { page, PageQuery, Timestamp } from './accounts';
import { ActivityStatus, LonLat, MeasureRef, PriorityGroup, Theme } from './activities';
import { LadCode } from './need';
import { TerritoryCode } from './territories';

// Responses: MatchPage (GET /api/tenders/:id/matches), SuggestionView
// (GET /api/tenders/:id/suggestion), ReachView (GET /api/tenders/:id/reach),
// OpportunityPage (GET /api/activities/:id/opportunities).

export const MatchFactor = z.enum(MatchFactors);
export type MatchFactorName = z.infer<typeof MatchFactor>;

/** How much each factor counts, 0–10; a factor left out keeps its default. */
export const MatchWeightsInput = z.partialRecord(
  MatchFactor,
  z
    .number({ error: 'must be a number from 0 to 10' })
    .min(0, 'must be 0 or more')
    .max(10, 'must be 10 or less'),
);

const unique = <T>(items: T[]) => new Set(items).size === items.length;
const label = z
  .string()
  .trim()
  .min(1, 'Enter a name for the site')
  .max(120, 'Site name must be 120 characters or fewer');

/** A district or a whole territory the buyer wants the social value to reach. */
export const FocusArea = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lad'), code: LadCode }),
  z.strictObject({ kind: z.literal('territory'), code: TerritoryCode }),
]);
export type FocusArea = z.infer<typeof FocusArea>;

/** Where the contract is delivered (a depot, a station, a hospital). */
export const DeliverySite = z.strictObject({ label, location: LonLat });
export type DeliverySite = z.infer<typeof DeliverySite>;

/** A buyer's local priorities, public with the tender. */
export const TenderPriorities = z.strictObject({
  themes: z.array(Theme).max(3).refine(unique, 'must not repeat a theme').default([]),
  measures: z
    .array(MeasureRef)
    .max(30, 'Choose 30 measures or fewer')
    .refine((m) => unique(m.map((x) => `${x.framework}:${x.code}`)), 'must not repeat a measure')
    .default([]),
  groups: z.array(PriorityGroup).max(15).refine(unique, 'must not repeat a group').default([]),
  focusAreas: z
    .array(FocusArea)
    .max(60, 'Choose 60 focus areas or fewer')
    .refine((a) => unique(a.map((x) => `${x.kind}:${x.code}`)), 'must not repeat an area')
    .default([]),
  deliverySites: z.array(DeliverySite).max(20, 'Add 20 delivery sites or fewer').default([]),
  weights: MatchWeightsInput.default({}),
});
export type TenderPriorities = z.infer<typeof TenderPriorities>;
export type TenderPrioritiesInput = z.input<typeof TenderPriorities>;

/** Priorities as the API shows them: names resolved, every weight filled in. */
export const TenderPrioritiesView = z.object({
  themes: z.array(Theme),
  measures: z.array(z.object({ framework: z.string(), code: z.string(), title: z.string() })),
  groups: z.array(PriorityGroup),
  focusAreas: z.array(
    z.object({ kind: z.enum(['lad', 'territory']), code: z.string(), name: z.string() }),
  ),
  deliverySites: z.array(
    z.object({ label: z.string(), location: z.object({ lon: z.number(), lat: z.number() }) }),
  ),
  weights: z.record(MatchFactor, z.number()),
});
export type TenderPrioritiesView = z.infer<typeof TenderPrioritiesView>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/tenders/:id/matches`. */
export const MatchQuery = PageQuery.extend({
  theme: Theme.optional(),
  territory: TerritoryCode.optional(),
  lad: LadCode.optional(),
  /** Only activities inside a focus area. */
  focusOnly: booleanQuery.optional(),
  /** Only activities with room for a new line (default true). */
  withRoom: booleanQuery.default(true),
  minScore: z.coerce.number().min(0).max(100).optional(),
});
export type MatchQuery = z.infer<typeof MatchQuery>;

export const FactorView = z.object({
  factor: MatchFactor,
  label: z.string(),
  /** 0–1; null when the factor does not count here (nothing to go on: "no data"). */
  value: z.number().min(0).max(1).nullable(),
  weight: z.number().min(0),
  /** Plain words: "2 of 3 priority themes", "12.4 km from Didcot depot". */
  detail: z.string(),
});
export type FactorView = z.infer<typeof FactorView>;

export const MatchedActivity = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.object({ id: z.string(), name: z.string() }),
  status: ActivityStatus,
  themes: z.array(Theme),
  /** [lon, lat]. */
  at: z.tuple([z.number(), z.number()]),
  territory: z.object({ code: z.string(), name: z.string() }),
  lad: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const MatchResult = z.object({
  activity: MatchedActivity,
  /** 0–100. */
  score: z.number().min(0).max(100),
  rank: z.number().int().min(1),
  factors: z.array(FactorView),
  /** What a new line can still ask: capacity (or gap) less awarded lines and your own elsewhere. */
  roomPence: PenceTotal,
  remainingGapPence: PenceTotal,
  /** Already in your SPO for this tender. */
  inYourSpoPence: PenceTotal,
});
export type MatchResult = z.infer<typeof MatchResult>;

export const MatchPage = page(MatchResult).extend({
  baselineAnnualPence: PenceTotal,
  /** The formula in plain words, as the README gives it. */
  formula: z.string(),
});
export type MatchPage = z.infer<typeof MatchPage>;

export const SuggestionBands = ['baseline', 'mid', 'higher'] as const;

/** `GET /api/tenders/:id/suggestion`. */
export const SuggestionQuery = z.object({
  band: z.enum(SuggestionBands).default('baseline'),
  /** A target of your own, £ a year in pence, instead of a band. */
  targetPence: z.coerce.number().int().min(100).max(100_000_000_000_00).optional(),
  maxActivityShare: z.coerce.number().gt(0).max(1).optional(),
  maxAreaShare: z.coerce.number().gt(0).max(1).optional(),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

export const SuggestionLine = z.object({
  activity: MatchedActivity,
  annualPence: PenceTotal,
  score: z.number(),
  /** The most this line could ask (room and gap left, whichever is less). */
  limitPence: PenceTotal,
  /** Why it is suggested, in plain words. */
  reason: z.string(),
});
export type SuggestionLine = z.infer<typeof SuggestionLine>;

export const SuggestionView = z.object({
  targetPence: PenceTotal,
  totalPence: PenceTotal,
  reached: z.boolean(),
  shortfallPence: PenceTotal,
  /** Distinct districts (or territories) the lines reach. */
  areas: z.number().int().min(0),
  lines: z.array(SuggestionLine),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

/** "What your priorities can reach": the matched capacity and need before a tender opens. */
export const ReachView = z.object({
  activities: z.number().int().min(0),
  activitiesWithRoom: z.number().int().min(0),
  providers: z.number().int().min(0),
  roomPence: PenceTotal,
  baselineAnnualPence: PenceTotal,
  /** Whether the room left across matched activities covers the baseline. */
  coversBaseline: z.boolean(),
  /** Activities in districts of the UK's most deprived quintile. */
  inMostDeprivedQuintile: z.number().int().min(0),
  /** Activities in an hex cell no awarded SPO supports yet. */
  inUnsupportedCells: z.number().int().min(0),
  byTerritory: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      activities: z.number().int().min(0),
      roomPence: PenceTotal,
      population: z.number().int().nullable(),
      deprivationScore: z.number().nullable(),
    }),
  ),
});
export type ReachView = z.infer<typeof ReachView>;

/** One open tender that fits an activity. */
export const Opportunity = z.object({
  tender: z.object({
    id: z.string(),
    title: z.string(),
    buyer: z.object({ id: z.string(), name: z.string() }),
    closesAt: Timestamp,
    annualValuePence: PenceTotal,
    baselineAnnualPence: PenceTotal,
  }),
  score: z.number().min(0).max(100),
  factors: z.array(FactorView),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityPage = page(Opportunity);
export type OpportunityPage = z.infer<typeof OpportunityPage>;
export const OpportunityQuery = PageQuery;
