/**
 * How matches are ranked: the formula a buyer can read (README "How matches are ranked"), in
 * one place. The server computes the same score in SQL for speed (server/src/features/matching)
 * and tests check that the two agree; `scoreMatch` also explains each result, factor by factor.
 *
 *   score = 100 × Σ (weight × value) ÷ Σ weight, over the factors that count for the tender
 *
 * Each value is from 0 to 1. A factor with nothing to go on (the tender names no priority
 * themes, no delivery sites; the district has no deprivation figure) does not count: it is
 * left out of both sums rather than scored 0. Results are ordered by whether the activity has
 * room left (any at all first), then score (highest first), then activity id, so the ranking is
 * deterministic and an activity with no room never outranks one with room.
 */

export const MatchFactors = [
  'place',
  'themes',
  'measures',
  'groups',
  'room',
  'gap',
  'need',
  'spread',
  'distance',
  'evidence',
  'secondary',
] as const;
export type MatchFactor = (typeof MatchFactors)[number];

export const MATCH_FACTOR_LABELS: Record<MatchFactor, string> = {
  place: 'In a focus area',
  themes: 'Priority themes',
  measures: 'Priority TOMs measures',
  groups: 'Priority groups',
  room: 'Capacity left',
  gap: 'Funding gap left',
  need: 'Need of its area',
  spread: 'Reaches an unsupported area',
  distance: 'Near a delivery site',
  evidence: 'Evidence and confidence',
  secondary: "Savings to the buyer's own service",
};

export type MatchWeights = Record<MatchFactor, number>;

/** Sensible defaults: where the activity is and what it does for the priorities count most. */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  place: 3,
  themes: 2,
  measures: 1,
  groups: 2,
  room: 2,
  gap: 1,
  need: 2,
  spread: 1,
  distance: 1,
  evidence: 1,
  secondary: 1,
};

/** Distance at which the delivery-site factor reaches 0. */
export const DISTANCE_LIMIT_KM = 50;
/** The smallest line worth suggesting, and the unit lines are suggested in: whole pounds. */
export const MIN_LINE_PENCE = 100_00;
/** A typical line: a fifth of what the baseline asks a year, at least £100. */
export function typicalLinePence(baselineAnnualPence: number): number {
  return Math.max(MIN_LINE_PENCE, Math.round(baselineAnnualPence / 5));
}

export const CONFIDENCE_VALUES = { high: 1, medium: 0.6, low: 0.3 } as const;

/** What the buyer asked for, as the scoring needs it. */
export interface MatchTender {
  themes: string[];
  /** `framework:code`. */
  measures: string[];
  groups: string[];
  hasFocusAreas: boolean;
  hasDeliverySites: boolean;
  /** The cost area a buyer of this sector saves on; null (a fire service) when none. */
  ownCostArea: string | null;
  typicalLinePence: number;
  weights: MatchWeights;
}

/** What one activity brings, as the scoring needs it. */
export interface MatchActivity {
  id: string;
  inFocusArea: boolean;
  themes: string[];
  /** `framework:code`. */
  measures: string[];
  groups: string[];
  /** Annual capacity the provider states; 0 = not stated (the funding gap stands in). */
  capacityPence: number;
  fundingGapPence: number;
  /** Awarded lines' annual £, plus the asking supplier's own lines elsewhere. */
  heldPence: number;
  /** Awarded lines' annual £ only. */
  committedPence: number;
  deprivationQuintile: number | null;
  /** Whether an awarded SPO already supports an activity in its hex cell. */
  cellSupported: boolean;
  distanceKm: number | null;
  evidenceLinks: number;
  hasEvaluationSummary: boolean;
  outcomes: number;
  bestConfidence: keyof typeof CONFIDENCE_VALUES | null;
  /** Annual costs avoided for the buyer's own service; 0 when none stated. */
  ownSectorSavingsPence: number;
}

export interface FactorScore {
  factor: MatchFactor;
  /** 0–1, or null when the factor does not count for this tender and activity. */
  value: number | null;
  weight: number;
}

export interface MatchScore {
  /** 0–100, to 4 decimals. */
  score: number;
  /** Pence a new line could still take: capacity (or funding gap) less what is held. */
  roomPence: number;
  /** Funding gap less awarded commitments. */
  remainingGapPence: number;
  factors: FactorScore[];
}

const share = (a: string[], wanted: string[]): number | null => {
  if (wanted.length === 0) return null;
  const have = new Set(a);
  return wanted.filter((w) => have.has(w)).length / wanted.length;
};

/** Room a new line has: stated capacity (else funding gap) less what is held already. */
export function roomPence(
  a: Pick<MatchActivity, 'capacityPence' | 'fundingGapPence' | 'heldPence'>,
) {
  const limit = a.capacityPence > 0 ? a.capacityPence : a.fundingGapPence;
  return Math.max(0, limit - a.heldPence);
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function evidenceValue(
  a: Pick<MatchActivity, 'evidenceLinks' | 'hasEvaluationSummary' | 'outcomes' | 'bestConfidence'>,
): number {
  return (
    (a.evidenceLinks > 0 ? 0.35 : 0) +
    (a.hasEvaluationSummary ? 0.25 : 0) +
    (a.outcomes > 0 ? 0.15 : 0) +
    0.25 * (a.bestConfidence ? CONFIDENCE_VALUES[a.bestConfidence] : 0)
  );
}

/** The score of one activity for one tender, with every factor's value and weight. */
export function scoreMatch(t: MatchTender, a: MatchActivity): MatchScore {
  const room = roomPence(a);
  const remainingGap = Math.max(0, a.fundingGapPence - a.committedPence);
  const line = t.typicalLinePence;
  const values: Record<MatchFactor, number | null> = {
    place: t.hasFocusAreas ? (a.inFocusArea ? 1 : 0) : 1,
    themes: share(a.themes, t.themes),
    measures: share(a.measures, t.measures),
    groups: share(a.groups, t.groups),
    room: Math.min(1, room / line),
    gap: Math.min(1, remainingGap / line),
    need: a.deprivationQuintile === null ? null : (6 - a.deprivationQuintile) / 5,
    spread: a.cellSupported ? 0 : 1,
    distance:
      t.hasDeliverySites && a.distanceKm !== null
        ? Math.max(0, 1 - a.distanceKm / DISTANCE_LIMIT_KM)
        : null,
    evidence: evidenceValue(a),
    secondary: t.ownCostArea === null ? null : Math.min(1, a.ownSectorSavingsPence / line),
  };
  let weighted = 0;
  let weights = 0;
  const factors = MatchFactors.map((factor) => {
    const value = values[factor];
    const weight = t.weights[factor];
    if (value !== null) {
      weighted += weight * value;
      weights += weight;
    }
    return { factor, value: value === null ? null : round4(value), weight };
  });
  return {
    score: weights > 0 ? round4((100 * weighted) / weights) : 0,
    roomPence: room,
    remainingGapPence: remainingGap,
    factors,
  };
}

/** The ranking order: room first, then score, then id. */
export function compareMatches(
  a: { roomPence: number; score: number; id: string },
  b: { roomPence: number; score: number; id: string },
): number {
  const roomA = a.roomPence > 0 ? 1 : 0;
  const roomB = b.roomPence > 0 ? 1 : 0;
  if (roomA !== roomB) return roomB - roomA;
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ——— "Fill my baseline" ———

export interface SuggestionCandidate {
  id: string;
  /** Where it is, for spreading: its district (else territory). */
  area: string;
  score: number;
  /** The most a line may ask: room left and funding gap left, whichever is less. */
  limitPence: number;
}

export interface SuggestionOptions {
  targetPence: number;
  /** No one activity takes more than this share of the target (spread), 0–1. */
  maxActivityShare: number;
  /** No one area takes more than this share of the target, 0–1. */
  maxAreaShare: number;
}

export const DEFAULT_SUGGESTION_SHARES = { maxActivityShare: 0.25, maxAreaShare: 0.4 } as const;

export interface SuggestedLine {
  id: string;
  annualPence: number;
  /** `spread` lines respect both shares; `top-up` lines were raised past them to reach the target. */
  pass: 'spread' | 'top-up';
}

const floorPounds = (p: number) => Math.floor(p / 100) * 100;

/**
 * A portfolio of whole-pound lines, best matches first, reaching the target where the
 * catalogue allows. First pass: each line at most `maxActivityShare` of the target and each
 * area at most `maxAreaShare`, so the money spreads. Second pass, only if the first falls short:
 * the same lines (then new ones) raised up to their limits. Never a line above its limit, never
 * an activity twice, never more in all than the target rounded up to a whole pound.
 */
export function suggestPortfolio(
  candidates: SuggestionCandidate[],
  options: SuggestionOptions,
): { lines: SuggestedLine[]; totalPence: number; targetPence: number; reached: boolean } {
  const target = Math.ceil(options.targetPence / 100) * 100;
  const perActivity = Math.max(MIN_LINE_PENCE, floorPounds(target * options.maxActivityShare));
  const perArea = Math.max(MIN_LINE_PENCE, floorPounds(target * options.maxAreaShare));
  const ordered = [...candidates]
    .filter((c) => floorPounds(c.limitPence) >= MIN_LINE_PENCE)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = new Map<string, SuggestedLine>();
  const byArea = new Map<string, number>();
  let total = 0;

  for (const c of ordered) {
    if (total >= target) break;
    const areaLeft = perArea - (byArea.get(c.area) ?? 0);
    const amount = floorPounds(Math.min(c.limitPence, perActivity, areaLeft, target - total));
    if (amount < MIN_LINE_PENCE) continue;
    lines.set(c.id, { id: c.id, annualPence: amount, pass: 'spread' });
    byArea.set(c.area, (byArea.get(c.area) ?? 0) + amount);
    total += amount;
  }
  for (const c of ordered) {
    if (total >= target) break;
    const held = lines.get(c.id)?.annualPence ?? 0;
    const more = floorPounds(Math.min(c.limitPence - held, target - total));
    if (more <= 0) continue;
    lines.set(c.id, { id: c.id, annualPence: held + more, pass: 'top-up' });
    total += more;
  }
  return {
    lines: [...lines.values()],
    totalPence: total,
    targetPence: target,
    reached: total >= target,
  };
}
