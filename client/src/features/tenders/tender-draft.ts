import {
  DEFAULT_MATCH_WEIGHTS,
  MATCH_FACTOR_LABELS,
  MatchFactors,
  type MatchFactor,
} from '@shared/matching';
import { poundsToPence } from '@shared/money';
import type { MeasureRef, PriorityGroup, Theme } from '@shared/schemas/activities';
import type { FocusArea } from '@shared/schemas/matching';
import type { TenderView } from '@shared/schemas/tenders';
import { localInputToIso, toLocalInputValue } from '../../lib/date-time';
import type { FieldErrors } from '../../lib/form-errors';
import { penceToPounds } from '../../lib/money-format';

/** The tender form's values as typed: pounds, numbers and dates are text until sent. */
export interface TenderDraft {
  buyerId: string;
  title: string;
  reference: string;
  description: string;
  territories: string[];
  annualValue: string;
  durationYears: string;
  startDate: string;
  baseline: string;
  mid: string;
  higherAmbition: string;
  weightingPct: string;
  /** A `datetime-local` value, in the browser's time zone. */
  closesAt: string;
  priorities: PrioritiesDraft;
}

/** A delivery site as typed: a name, and lon/lat found by place search or typed. */
export interface DeliverySiteDraft {
  /** Tells rows apart while sites are added and removed. */
  key: string;
  label: string;
  lon: string;
  lat: string;
}

/** The tender's local priorities as the form holds them. */
export interface PrioritiesDraft {
  themes: Theme[];
  groups: PriorityGroup[];
  measures: MeasureRef[];
  /** `territory` is the district's territory where known, to drop it with its territory. */
  focusAreas: (FocusArea & { territory?: string })[];
  deliverySites: DeliverySiteDraft[];
  /** 0–10 per factor, as typed. */
  weights: Record<MatchFactor, string>;
}

let siteKeys = 0;

/** A blank delivery site row. */
export function emptyDeliverySite(): DeliverySiteDraft {
  siteKeys += 1;
  return { key: `site-${siteKeys}`, label: '', lon: '', lat: '' };
}

/** Every factor at its default weight, as the weight boxes show it. */
export function defaultWeightsDraft(): Record<MatchFactor, string> {
  return Object.fromEntries(
    MatchFactors.map((factor) => [factor, String(DEFAULT_MATCH_WEIGHTS[factor])]),
  ) as Record<MatchFactor, string>;
}

function emptyPriorities(): PrioritiesDraft {
  return {
    themes: [],
    groups: [],
    measures: [],
    focusAreas: [],
    deliverySites: [],
    weights: defaultWeightsDraft(),
  };
}

/** A blank form for a buyer, with the usual 10% social value weighting. */
export function emptyTenderDraft(buyerId: string): TenderDraft {
  return {
    buyerId,
    title: '',
    reference: '',
    description: '',
    territories: [],
    annualValue: '',
    durationYears: '',
    startDate: '',
    baseline: '',
    mid: '',
    higherAmbition: '',
    weightingPct: '10',
    closesAt: '',
    priorities: emptyPriorities(),
  };
}

/** A draft tender in the form, to edit it. */
export function draftFromTender(tender: TenderView): TenderDraft {
  return {
    buyerId: tender.buyer.id,
    title: tender.title,
    reference: tender.reference,
    description: tender.description,
    territories: tender.territories.map((territory) => territory.code),
    annualValue: penceToPounds(tender.annualValuePence),
    durationYears: String(tender.durationYears),
    startDate: tender.startDate,
    baseline: penceToPounds(tender.baselinePencePerMillion),
    mid: penceToPounds(tender.midPencePerMillion),
    higherAmbition: penceToPounds(tender.higherAmbitionPencePerMillion),
    weightingPct: String(tender.weightingPct),
    closesAt: toLocalInputValue(tender.closesAt),
    priorities: {
      themes: tender.priorities.themes,
      groups: tender.priorities.groups,
      measures: tender.priorities.measures.map(({ framework, code }) => ({ framework, code })),
      focusAreas: tender.priorities.focusAreas.map(({ kind, code }) =>
        kind === 'territory' ? { kind, code, territory: code } : { kind, code },
      ),
      deliverySites: tender.priorities.deliverySites.map((site) => ({
        ...emptyDeliverySite(),
        label: site.label,
        lon: String(site.location.lon),
        lat: String(site.location.lat),
      })),
      weights: Object.fromEntries(
        MatchFactors.map((factor) => [factor, String(tender.priorities.weights[factor])]),
      ) as Record<MatchFactor, string>,
    },
  };
}

/**
 * The priorities for the schema: focus areas of territories no longer chosen left out, and
 * only the weights that differ from the defaults (so a later change of default reaches them).
 */
function prioritiesInput(
  draft: TenderDraft,
  number: (text: string, path: string, blank: string, whole: boolean) => number | undefined,
  notes: FieldErrors,
): Record<string, unknown> {
  const p = draft.priorities;
  const chosen = new Set(draft.territories);
  const weights: Record<string, number | undefined> = {};
  for (const factor of MatchFactors) {
    const text = p.weights[factor];
    // A blank box means the default.
    if (!text.trim()) continue;
    const value = number(text, `priorities.weights.${factor}`, '', false);
    if (value !== DEFAULT_MATCH_WEIGHTS[factor]) weights[factor] = value;
  }
  return {
    themes: p.themes,
    groups: p.groups,
    measures: p.measures,
    focusAreas: p.focusAreas
      .filter((a) => a.territory === undefined || chosen.has(a.territory))
      .map(({ kind, code }) => ({ kind, code })),
    deliverySites: p.deliverySites.map((site, i) => {
      // Numbered, so that the summary of problems says which of several sites is wrong.
      const path = `priorities.deliverySites.${i}`;
      const which = `delivery site ${i + 1}`;
      if (!site.label.trim()) notes[`${path}.label`] = `Enter a name for ${which}`;
      return {
        label: site.label,
        location: {
          lon: number(site.lon, `${path}.location.lon`, `Enter the longitude of ${which}`, false),
          lat: number(site.lat, `${path}.location.lat`, `Enter the latitude of ${which}`, false),
        },
      };
    }),
    weights,
  };
}

const MONEY_MESSAGE = 'Enter an amount in pounds, such as 1500000 or 1,500,000';

/**
 * Converts the draft for the shared schema (`TenderCreate` or `TenderUpdate`) to parse,
 * noting what the schema's own messages would say badly about blanks and non-numbers.
 * `now` is when the form is checked: bids must close after it.
 */
export function tenderDraftToInput(
  draft: TenderDraft,
  now: number,
): { input: Record<string, unknown>; notes: FieldErrors } {
  const notes: FieldErrors = {};

  function money(text: string, path: string, blank: string): number | undefined {
    if (!text.trim()) {
      notes[path] = blank;
      return undefined;
    }
    const pence = poundsToPence(text);
    if (pence === null) notes[path] = MONEY_MESSAGE;
    return pence ?? undefined;
  }

  function number(text: string, path: string, blank: string, whole: boolean): number | undefined {
    const trimmed = text.trim().replace(/,/g, '');
    if (!trimmed) {
      notes[path] = blank;
      return undefined;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) notes[path] = 'Enter a number';
    else if (whole && !Number.isInteger(value)) notes[path] = 'Enter a whole number';
    return value;
  }

  let closesAt: string | undefined;
  if (!draft.closesAt) notes.closesAt = 'Enter the date and time bids close';
  else {
    closesAt = localInputToIso(draft.closesAt) ?? undefined;
    if (!closesAt) notes.closesAt = 'Enter a date and time, such as 31/03/2027 12:00';
    else if (Date.parse(closesAt) <= now) notes.closesAt = 'Bids must close in the future';
  }
  if (!draft.startDate) notes.startDate = 'Enter the date the contract starts';
  if (draft.territories.length === 0) notes.territories = 'Choose at least one territory';

  const input: Record<string, unknown> = {
    title: draft.title,
    reference: draft.reference,
    description: draft.description,
    territories: draft.territories,
    annualValuePence: money(
      draft.annualValue,
      'annualValuePence',
      'Enter the contract’s value a year in pounds',
    ),
    durationYears: number(
      draft.durationYears,
      'durationYears',
      'Enter how many years the contract runs',
      true,
    ),
    startDate: draft.startDate || undefined,
    baselinePencePerMillion: money(
      draft.baseline,
      'baselinePencePerMillion',
      'Enter the baseline in pounds a year per £1m',
    ),
    weightingPct: number(
      draft.weightingPct,
      'weightingPct',
      'Enter social value’s share of the score, in percent',
      false,
    ),
    midPencePerMillion: money(draft.mid, 'midPencePerMillion', 'Enter where the mid band starts'),
    higherAmbitionPencePerMillion: money(
      draft.higherAmbition,
      'higherAmbitionPencePerMillion',
      'Enter where the higher ambition band starts',
    ),
    closesAt,
    priorities: prioritiesInput(draft, number, notes),
  };
  return { input, notes };
}

const LABELS: Record<string, string> = {
  buyerId: 'Buyer',
  title: 'Title',
  reference: 'Reference',
  description: 'Description',
  territories: 'Territories',
  annualValuePence: 'Contract value a year',
  durationYears: 'Duration',
  startDate: 'Start date',
  baselinePencePerMillion: 'Baseline',
  weightingPct: 'Social value weighting',
  midPencePerMillion: 'Mid band',
  higherAmbitionPencePerMillion: 'Higher ambition band',
  closesAt: 'Closing date and time',
  priorities: 'Local priorities',
  'priorities.themes': 'Priority themes',
  'priorities.groups': 'Priority groups',
  'priorities.measures': 'Priority TOMs measures',
  'priorities.focusAreas': 'Focus areas',
  'priorities.deliverySites': 'Delivery sites',
  'priorities.weights': 'How much each factor counts',
};

/** What to call a field in the form's summary of problems, from its path (`territories.2`). */
export function tenderFieldLabel(path: string): string {
  const [first = '', second] = path.split('.');
  if (first === 'priorities' && second !== undefined) {
    const [, , index, part] = path.split('.');
    if (second === 'weights' && index && index in MATCH_FACTOR_LABELS)
      return `Weight of “${MATCH_FACTOR_LABELS[index as MatchFactor]}”`;
    if (second === 'deliverySites' && index !== undefined && /^\d+$/.test(index))
      return `Delivery site ${Number(index) + 1}${part === 'label' ? ' name' : ''}`;
    return LABELS[`priorities.${second}`] ?? 'Local priorities';
  }
  return LABELS[first] ?? 'The tender';
}
