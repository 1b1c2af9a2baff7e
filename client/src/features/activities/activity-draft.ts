import {
  CostAreas,
  type ActivityView,
  type Category,
  type Confidence,
  type CostArea,
  type MeasureRef,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import type { AreaGeometry } from '@shared/geo';
import { poundsToPence } from '@shared/money';
import type { FieldErrors } from '../../lib/form-errors';
import { penceToPounds } from '../../lib/money-format';

let lastRowKey = 0;
/** A key for a row added to a list in the form: React needs one that survives removals. */
export function newRowKey(): string {
  lastRowKey += 1;
  return `row-${lastRowKey}`;
}

export interface OutcomeDraft {
  key: string;
  label: string;
  figure: string;
  unit: string;
}

export interface EvidenceLinkDraft {
  key: string;
  title: string;
  url: string;
}

export interface CostDraft {
  amount: string;
  method: string;
  confidence: Confidence | '';
}

/** The statuses the form offers; closing is its own, final, action on the activity's page. */
export type FormStatus = 'active' | 'at_risk' | 'paused';

/** `area` exists only for an activity whose drawn area came through the API, to keep it. */
export type ServiceAreaChoice = 'none' | 'radius' | 'area';

/** An activity as typed into the form: every number still text, until it is parsed. */
export interface ActivityDraft {
  providerId: string;
  title: string;
  summary: string;
  description: string;
  themes: Theme[];
  category: Category | '';
  priorityGroups: PriorityGroup[];
  lon: string;
  lat: string;
  address: string;
  serviceArea: ServiceAreaChoice;
  radiusKm: string;
  keptArea: AreaGeometry | null;
  peopleReached: string;
  outcomes: OutcomeDraft[];
  links: EvidenceLinkDraft[];
  evaluationSummary: string;
  costs: Record<CostArea, CostDraft>;
  fundingGap: string;
  volunteerHours: string;
  inKind: string;
  capacity: string;
  measures: MeasureRef[];
  status: FormStatus;
  atRiskUntil: string;
}

const EMPTY_COST: CostDraft = { amount: '', method: '', confidence: '' };

/** A blank form, for the provider the person acts for (or their first). */
export function emptyDraft(providerId: string): ActivityDraft {
  return {
    providerId,
    title: '',
    summary: '',
    description: '',
    themes: [],
    category: '',
    priorityGroups: [],
    lon: '',
    lat: '',
    address: '',
    serviceArea: 'none',
    radiusKm: '',
    keptArea: null,
    peopleReached: '',
    outcomes: [],
    links: [],
    evaluationSummary: '',
    costs: { police: EMPTY_COST, nhs: EMPTY_COST, council: EMPTY_COST, justice: EMPTY_COST },
    fundingGap: '',
    volunteerHours: '',
    inKind: '',
    capacity: '',
    measures: [],
    status: 'active',
    atRiskUntil: '',
  };
}

/** An existing activity in the form, to edit it. */
export function draftFromActivity(activity: ActivityView): ActivityDraft {
  const costs = { ...emptyDraft('').costs };
  for (const area of CostAreas) {
    const cost = activity.impact.costsAvoided[area];
    if (cost) {
      costs[area] = {
        amount: penceToPounds(cost.annualPence),
        method: cost.method,
        confidence: cost.confidence,
      };
    }
  }
  const area = activity.serviceArea;
  return {
    providerId: activity.provider.id,
    title: activity.title,
    summary: activity.summary,
    description: activity.description,
    themes: activity.themes,
    category: activity.category,
    priorityGroups: activity.priorityGroups,
    lon: String(activity.location.lon),
    lat: String(activity.location.lat),
    address: activity.address,
    serviceArea: area ? area.type : 'none',
    radiusKm: area?.type === 'radius' ? String(area.radiusKm) : '',
    keptArea: area?.type === 'area' ? area.geometry : null,
    peopleReached: String(activity.impact.peopleReachedPerYear),
    outcomes: activity.impact.outcomes.map((o) => ({
      key: newRowKey(),
      label: o.label,
      figure: String(o.figure),
      unit: o.unit,
    })),
    links: activity.impact.evidence.links.map((l) => ({
      key: newRowKey(),
      title: l.title,
      url: l.url,
    })),
    evaluationSummary: activity.impact.evidence.evaluationSummary,
    costs,
    fundingGap: activity.needs.fundingGapPence ? penceToPounds(activity.needs.fundingGapPence) : '',
    volunteerHours: activity.needs.volunteerHoursPerYear
      ? String(activity.needs.volunteerHoursPerYear)
      : '',
    inKind: activity.needs.inKind.join(', '),
    capacity: activity.capacityPence ? penceToPounds(activity.capacityPence) : '',
    measures: activity.measures.map((m) => ({ framework: m.framework, code: m.code })),
    // A closed activity never reaches the form; the page says it cannot be edited.
    status: activity.status === 'closed' ? 'paused' : activity.status,
    atRiskUntil: activity.atRiskUntil ?? '',
  };
}

const MONEY_MESSAGE = 'Enter an amount in pounds, such as 1250 or 1,250.50';
const WHOLE_MESSAGE = 'Enter a whole number, such as 120';

/**
 * Converts the draft for the shared schema to parse, and notes what the schema's own
 * messages would say badly about blanks and non-numbers ("expected number, received NaN").
 * Those notes win over the schema's messages for the same field.
 */
export function draftToInput(draft: ActivityDraft): {
  input: Record<string, unknown>;
  notes: FieldErrors;
} {
  const notes: FieldErrors = {};

  function number(text: string, path: string, blank: string): number | undefined {
    const trimmed = text.trim().replace(/,/g, '');
    if (trimmed === '') {
      notes[path] = blank;
      return undefined;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) notes[path] = 'Enter a number';
    return value;
  }

  function whole(text: string, path: string, blank?: string): number | undefined {
    const trimmed = text.trim().replace(/,/g, '');
    if (trimmed === '') {
      if (blank) notes[path] = blank;
      return blank ? undefined : 0;
    }
    const value = Number(trimmed);
    if (!Number.isInteger(value)) notes[path] = WHOLE_MESSAGE;
    return value;
  }

  function money(text: string, path: string, blank?: string): number | undefined {
    if (text.trim() === '') {
      if (blank) notes[path] = blank;
      return blank ? undefined : 0;
    }
    const pence = poundsToPence(text);
    if (pence === null) {
      notes[path] = MONEY_MESSAGE;
      return undefined;
    }
    return pence;
  }

  const costsAvoided: Record<string, unknown> = {};
  for (const area of CostAreas) {
    const cost = draft.costs[area];
    // A row left wholly blank is no estimate; one started must be finished.
    if (!cost.amount.trim() && !cost.method.trim() && !cost.confidence) continue;
    const path = `impact.costsAvoided.${area}`;
    if (!cost.method.trim())
      notes[`${path}.method`] = 'Say how this was estimated, or cite a source';
    if (!cost.confidence) notes[`${path}.confidence`] = 'Choose how confident the estimate is';
    costsAvoided[area] = {
      annualPence: money(cost.amount, `${path}.annualPence`, 'Enter the amount a year in pounds'),
      method: cost.method,
      confidence: cost.confidence || undefined,
    };
  }

  if (draft.themes.length === 0) notes.themes = 'Choose at least one theme';
  if (!draft.category) notes.category = 'Choose a category';
  if (draft.status === 'at_risk' && !draft.atRiskUntil) {
    notes.atRiskUntil = 'Enter the date it closes without funding';
  }

  let serviceArea: unknown = null;
  if (draft.serviceArea === 'radius') {
    serviceArea = {
      type: 'radius',
      radiusKm: number(draft.radiusKm, 'serviceArea.radiusKm', 'Enter the radius in km'),
    };
  } else if (draft.serviceArea === 'area' && draft.keptArea) {
    serviceArea = { type: 'area', geometry: draft.keptArea };
  }

  const input: Record<string, unknown> = {
    title: draft.title,
    summary: draft.summary,
    description: draft.description,
    themes: draft.themes,
    category: draft.category || undefined,
    priorityGroups: draft.priorityGroups,
    location: {
      lon: number(draft.lon, 'location.lon', 'Enter a longitude, or click the map'),
      lat: number(draft.lat, 'location.lat', 'Enter a latitude, or click the map'),
    },
    address: draft.address,
    serviceArea,
    impact: {
      peopleReachedPerYear: whole(
        draft.peopleReached,
        'impact.peopleReachedPerYear',
        'Enter how many people it reaches a year (0 if not known yet)',
      ),
      outcomes: draft.outcomes.map((o, index) => ({
        label: o.label,
        figure: number(o.figure, `impact.outcomes.${index}.figure`, 'Enter a figure'),
        unit: o.unit,
      })),
      evidence: {
        links: draft.links.map((l) => ({ title: l.title, url: l.url.trim() })),
        evaluationSummary: draft.evaluationSummary,
      },
      costsAvoided,
    },
    needs: {
      fundingGapPence: money(draft.fundingGap, 'needs.fundingGapPence'),
      volunteerHoursPerYear: whole(draft.volunteerHours, 'needs.volunteerHoursPerYear'),
      inKind: draft.inKind
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    },
    capacityPence: money(draft.capacity, 'capacityPence'),
    measures: draft.measures,
    status: draft.status,
    atRiskUntil: draft.status === 'at_risk' ? draft.atRiskUntil || null : null,
  };
  return { input, notes };
}
