import { distance } from '@turf/turf';
import type { MatchFactors } from '@shared/matching';
import {
  DEFAULT_MATCH_WEIGHTS,
  DEFAULT_SUGGESTION_SHARES,
  MATCH_FACTOR_LABELS,
  compareMatches,
  scoreMatch,
  suggestPortfolio,
  typicalLinePence,
  type MatchActivity,
  type MatchTender,
  type MatchWeights,
} from '@shared/matching';
import { formatGbp } from '@shared/money';
import { COST_AREA_LABELS, THEME_LABELS, PRIORITY_GROUP_LABELS } from '@shared/schemas/activities';
import type { CostArea, PriorityGroup, Theme } from '@shared/schemas/activities';
import type {
  FactorView,
  MatchPage,
  MatchQuery,
  MatchResult,
  OpportunityPage,
  ReachView,
  SuggestionQuery,
  SuggestionView,
} from '@shared/schemas/matching';
import type { PageQuery } from '@shared/schemas/accounts';
import { annualContributionPence } from '@shared/social-value';
import type { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { TendersService } from '../tenders/tenders.service';
import type {
  CandidateRow,
  MatchingRepo,
  RankedRow,
  ScoringParams,
  TenderMatchContext,
} from './matching.repo';

/** The formula in words, as the README's "How matches are ranked" gives it. */
export const MATCH_FORMULA =
  'score = 100 × Σ(weight × value) ÷ Σ weight, over the factors that count for this tender ' +
  '(each value 0–1); activities with room left come first, then by score, then by id.';

const COST_AREAS = new Set<string>(['police', 'nhs', 'council', 'justice']);
const n = (v: string | number | null) => (v === null ? 0 : Number(v));
const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** The cost area a buyer of this sector saves on (a fire service has none of the four). */
export function ownCostArea(sector: string | null): CostArea | null {
  return sector !== null && COST_AREAS.has(sector) ? (sector as CostArea) : null;
}

export function weightsOf(t: Pick<TenderMatchContext, 'storedWeights'>): MatchWeights {
  return { ...DEFAULT_MATCH_WEIGHTS, ...t.storedWeights };
}

export function baselineAnnualOf(t: TenderMatchContext): number {
  return annualContributionPence(t.annualValuePence, t.baselinePencePerMillion);
}

export function matchTenderOf(t: TenderMatchContext): MatchTender {
  return {
    themes: t.themes,
    measures: t.measures,
    groups: t.groups,
    hasFocusAreas: t.focusLads.length + t.focusTerritories.length > 0,
    hasDeliverySites: t.sites.length > 0,
    ownCostArea: ownCostArea(t.buyerSector),
    typicalLinePence: typicalLinePence(baselineAnnualOf(t)),
    weights: weightsOf(t),
  };
}

/** What the score needs of a tender besides its priorities: weights, a line, its own sector. */
export function scoringParamsOf(t: TenderMatchContext): ScoringParams {
  return {
    weights: weightsOf(t),
    typicalLinePence: typicalLinePence(baselineAnnualOf(t)),
    ownCostArea: ownCostArea(t.buyerSector),
  };
}

/** A candidate row as the shared scoring reads it. */
export function matchActivityOf(row: CandidateRow): MatchActivity {
  return {
    id: row.id,
    inFocusArea: row.in_focus,
    themes: row.themes,
    measures: row.measures,
    groups: row.groups,
    capacityPence: n(row.capacity_pence),
    fundingGapPence: n(row.funding_gap_pence),
    heldPence: n(row.committed) + n(row.own_pence),
    committedPence: n(row.committed),
    deprivationQuintile: row.deprivation_quintile,
    cellSupported: row.cell_supported,
    distanceKm: row.distance_km === null ? null : Number(row.distance_km),
    evidenceLinks: Number(row.links),
    hasEvaluationSummary: row.has_summary,
    outcomes: Number(row.outcomes),
    bestConfidence: row.confidence,
    ownSectorSavingsPence: n(row.own_sector_pence),
  };
}

const QUINTILE_WORDS = [
  'the most deprived fifth',
  'the second most deprived fifth',
  'the middle fifth',
  'the second least deprived fifth',
  'the least deprived fifth',
];

function nearestSite(t: TenderMatchContext, row: CandidateRow) {
  let best: { label: string; km: number } | null = null;
  for (const s of t.sites) {
    const km = distance([row.lon, row.lat], [s.lon, s.lat], { units: 'kilometers' });
    if (!best || km < best.km) best = { label: s.label, km };
  }
  return best;
}

/** Each factor's value and weight, with plain words saying what lies behind it. */
export function explain(
  t: TenderMatchContext,
  row: CandidateRow,
): {
  score: number;
  roomPence: number;
  remainingGapPence: number;
  factors: FactorView[];
} {
  const tender = matchTenderOf(t);
  const a = matchActivityOf(row);
  const scored = scoreMatch(tender, a);
  const count = (have: string[], wanted: string[], what: string, label: (x: string) => string) => {
    if (wanted.length === 0) return `The tender names no ${what}`;
    const hit = wanted.filter((w) => have.includes(w));
    return hit.length === 0
      ? `None of the ${plural(wanted.length, what.replace(/s$/, ''))}`
      : `${hit.length} of ${wanted.length}: ${hit.map(label).join(', ')}`;
  };
  const limit = a.capacityPence > 0 ? a.capacityPence : a.fundingGapPence;
  const area = ownCostArea(t.buyerSector);
  const site = nearestSite(t, row);
  const details: Record<(typeof MatchFactors)[number], string> = {
    place: !tender.hasFocusAreas
      ? "Inside the tender's territories"
      : a.inFocusArea
        ? `In a focus area (${row.lad_name ?? row.territory_name})`
        : 'Outside the focus areas',
    themes: count(a.themes, t.themes, 'priority themes', (x) => THEME_LABELS[x as Theme] ?? x),
    measures: count(a.measures, t.measures, 'priority measures', (x) => x.split(':')[1] ?? x),
    groups: count(
      a.groups,
      t.groups,
      'priority groups',
      (x) => PRIORITY_GROUP_LABELS[x as PriorityGroup] ?? x,
    ),
    room:
      limit === 0
        ? 'No capacity or funding gap stated'
        : `${formatGbp(scored.roomPence)} a year left of ${formatGbp(limit)} ${a.capacityPence > 0 ? 'capacity' : 'funding gap'}`,
    gap:
      a.fundingGapPence === 0
        ? 'No funding gap stated'
        : `${formatGbp(scored.remainingGapPence)} a year of its ${formatGbp(a.fundingGapPence)} gap not yet committed`,
    need:
      a.deprivationQuintile === null
        ? 'No data for its district'
        : `${row.lad_name ?? 'Its district'} is in ${QUINTILE_WORDS[a.deprivationQuintile - 1]} of UK districts`,
    spread: a.cellSupported
      ? 'An awarded SPO already supports activities in its area'
      : 'No awarded SPO supports its area yet',
    distance:
      t.sites.length === 0
        ? 'The tender names no delivery sites'
        : site
          ? `${site.km.toFixed(1)} km from ${site.label}`
          : 'No data',
    evidence: [
      a.evidenceLinks > 0 ? plural(a.evidenceLinks, 'evidence link') : 'no evidence links',
      a.hasEvaluationSummary ? 'an evaluation summary' : 'no evaluation summary',
      a.outcomes > 0 ? plural(a.outcomes, 'outcome') : 'no outcomes',
      a.bestConfidence ? `${a.bestConfidence} confidence in costs avoided` : 'no costs avoided',
    ]
      .join(', ')
      .replace(/^./, (c) => c.toUpperCase()),
    secondary:
      area === null
        ? "The buyer's sector has no cost area here"
        : a.ownSectorSavingsPence > 0
          ? `${formatGbp(a.ownSectorSavingsPence)} a year of ${COST_AREA_LABELS[area]} costs avoided`
          : `No ${COST_AREA_LABELS[area]} costs avoided stated`,
  };
  return {
    score: scored.score,
    roomPence: scored.roomPence,
    remainingGapPence: scored.remainingGapPence,
    factors: scored.factors.map((f) => ({
      factor: f.factor,
      label: MATCH_FACTOR_LABELS[f.factor],
      value: f.value,
      weight: f.weight,
      detail: details[f.factor],
    })),
  };
}

function matchedActivity(row: CandidateRow) {
  return {
    id: row.id,
    title: row.title,
    provider: { id: row.provider_id, name: row.provider_name },
    status: row.status,
    themes: row.themes as Theme[],
    at: [Number(row.lon), Number(row.lat)] as [number, number],
    territory: { code: row.territory_code, name: row.territory_name },
    lad: row.lad_code ? { code: row.lad_code, name: row.lad_name ?? row.lad_code } : null,
  };
}

/** Why a suggested line is there, in a sentence built from its strongest factors. */
function reasonFor(factors: FactorView[]): string {
  const strongest = factors
    .filter((f) => f.value !== null && f.weight > 0 && (f.value ?? 0) >= 0.5)
    .sort((a, b) => b.weight * (b.value ?? 0) - a.weight * (a.value ?? 0))
    .slice(0, 3)
    .map((f) => f.detail.charAt(0).toLowerCase() + f.detail.slice(1));
  return strongest.length > 0 ? `Suggested: ${strongest.join('; ')}.` : 'Suggested: room left.';
}

const SUGGESTION_POOL = 2_000;

/** Ranked matches, the suggested portfolio, the reach of a tender, an activity's openings. */
export function createMatchingService(
  repo: MatchingRepo,
  tenders: Pick<TendersService, 'visible'>,
) {
  async function load(actor: Actor, tenderId: string) {
    // The same visibility as the tender itself: drafts only to the buyer's members.
    await tenders.visible(actor, tenderId);
    const t = await repo.tenderContext(tenderId);
    if (!t) throw new AppError('tender_not_found', 404, 'No tender has this id');
    const params = scoringParamsOf(t);
    const suppliers =
      actor.kind === 'person' ? await repo.supplierIds([...actor.memberships.keys()]) : [];
    return { t, params, suppliers };
  }

  function result(t: TenderMatchContext, row: RankedRow, rank: number): MatchResult {
    const explained = explain(t, row);
    return {
      activity: matchedActivity(row),
      score: Number(row.score),
      rank,
      factors: explained.factors,
      roomPence: n(row.room),
      remainingGapPence: n(row.remaining_gap),
      inYourSpoPence: n(row.here_pence),
    };
  }

  return {
    async matches(actor: Actor, tenderId: string, q: MatchQuery): Promise<MatchPage> {
      const { t, params, suppliers } = await load(actor, tenderId);
      const offset = (q.page - 1) * q.pageSize;
      const rows = await repo.ranked(t, params, suppliers, q, { limit: q.pageSize, offset });
      return {
        items: rows.map((r, i) => result(t, r, offset + i + 1)),
        page: q.page,
        pageSize: q.pageSize,
        total: rows.length > 0 ? Number(rows[0]!.total) : 0,
        baselineAnnualPence: baselineAnnualOf(t),
        formula: MATCH_FORMULA,
      };
    },

    async suggestion(actor: Actor, tenderId: string, q: SuggestionQuery): Promise<SuggestionView> {
      const { t, params, suppliers } = await load(actor, tenderId);
      const rate = {
        baseline: t.baselinePencePerMillion,
        mid: t.midPencePerMillion,
        higher: t.higherAmbitionPencePerMillion,
      }[q.band];
      const target = q.targetPence ?? annualContributionPence(t.annualValuePence, rate);
      const rows = await repo.withRoom(t, params, suppliers, SUGGESTION_POOL);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const portfolio = suggestPortfolio(
        rows.map((r) => ({
          id: r.id,
          area: r.lad_code ?? r.territory_code,
          score: Number(r.score),
          limitPence: Math.min(n(r.room), n(r.remaining_gap)),
        })),
        {
          targetPence: target,
          maxActivityShare: q.maxActivityShare ?? DEFAULT_SUGGESTION_SHARES.maxActivityShare,
          maxAreaShare: q.maxAreaShare ?? DEFAULT_SUGGESTION_SHARES.maxAreaShare,
        },
      );
      const lines = portfolio.lines.map((line) => {
        const row = byId.get(line.id)!;
        return {
          activity: matchedActivity(row),
          annualPence: line.annualPence,
          score: Number(row.score),
          limitPence: Math.min(n(row.room), n(row.remaining_gap)),
          reason: reasonFor(explain(t, row).factors),
        };
      });
      return {
        targetPence: portfolio.targetPence,
        totalPence: portfolio.totalPence,
        reached: portfolio.reached,
        shortfallPence: Math.max(0, portfolio.targetPence - portfolio.totalPence),
        areas: new Set(lines.map((l) => l.activity.lad?.code ?? l.activity.territory.code)).size,
        lines,
      };
    },

    async reach(actor: Actor, tenderId: string): Promise<ReachView> {
      const { t, params } = await load(actor, tenderId);
      const rows = await repo.reach(t, params);
      const baseline = baselineAnnualOf(t);
      const room = rows.reduce((s, r) => s + n(r.room), 0);
      return {
        activities: rows.reduce((s, r) => s + r.activities, 0),
        activitiesWithRoom: rows.reduce((s, r) => s + r.with_room, 0),
        providers: rows[0]?.providers ?? 0,
        roomPence: room,
        baselineAnnualPence: baseline,
        coversBaseline: room >= baseline,
        inMostDeprivedQuintile: rows.reduce((s, r) => s + r.most_deprived, 0),
        inUnsupportedCells: rows.reduce((s, r) => s + r.unsupported, 0),
        byTerritory: rows.map((r) => ({
          code: r.territory_code,
          name: r.territory_name,
          activities: r.activities,
          roomPence: n(r.room),
          population: r.population === null ? null : Number(r.population),
          deprivationScore: r.deprivation_score,
        })),
      };
    },

    /** Drops what kept match scores no longer need (see the repository). */
    tidy: () => repo.tidyKeptScores(),

    /**
     * Open tenders covering the activity's territory, scored for it the same way, best first.
     * Public: it reads only what is public (open tenders, the activity, awarded lines).
     */
    async opportunities(
      activityId: string,
      q: z.infer<typeof PageQuery>,
    ): Promise<OpportunityPage> {
      const a = await repo.activityInputs(activityId);
      if (!a) throw new AppError('activity_not_found', 404, 'No activity has this id');
      const open = await repo.openTendersIn(a.territory_code);
      const scored = [];
      for (const o of open) {
        const t = await repo.tenderContext(o.id);
        if (!t) continue;
        const area = ownCostArea(t.buyerSector);
        const site = t.sites.length > 0;
        const row: CandidateRow = {
          ...a,
          in_focus:
            (a.lad_code !== null && t.focusLads.includes(a.lad_code)) ||
            t.focusTerritories.includes(a.territory_code),
          distance_km: site
            ? Math.min(
                ...t.sites.map((s) =>
                  distance([a.lon, a.lat], [s.lon, s.lat], { units: 'kilometers' }),
                ),
              )
            : null,
          measures: a.all_measures.filter((m) => t.measures.includes(m)),
          own_sector_pence: area ? (a.costs_avoided[area]?.annualPence ?? 0) : 0,
        };
        const explained = explain(t, row);
        scored.push({
          id: o.id,
          roomPence: explained.roomPence,
          score: explained.score,
          view: {
            tender: {
              id: o.id,
              title: o.title,
              buyer: { id: o.buyer_id, name: o.buyer_name },
              closesAt: new Date(o.closes_at).toISOString(),
              annualValuePence: Number(o.annual_value_pence),
              baselineAnnualPence: baselineAnnualOf(t),
            },
            score: explained.score,
            factors: explained.factors,
          },
        });
      }
      // Best first by score then id: the activity's own room is the same for every tender.
      scored.sort((x, y) => compareMatches({ ...x, roomPence: 1 }, { ...y, roomPence: 1 }));
      const start = (q.page - 1) * q.pageSize;
      return {
        items: scored.slice(start, start + q.pageSize).map((s) => s.view),
        page: q.page,
        pageSize: q.pageSize,
        total: scored.length,
      };
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
