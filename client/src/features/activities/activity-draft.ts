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
import { AreaGeometry } from '@shared/geo';
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

/** Just the point, a radius around it, or an area given as GeoJSON. */
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
  /**
   * The place the pin was put at by the place search ("OX4, postcode district near Oxford"),
   * for the form to show; blank when the pin came from the map or typed numbers. Not sent.
   */
  placeLabel: string;
  address: string;
  serviceArea: ServiceAreaChoice;
  radiusKm: string;
  /** The area as GeoJSON text, as pasted (or as stored, when editing). */
  areaText: string;
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
    placeLabel: '',
    address: '',
    serviceArea: 'none',
    radiusKm: '',
    areaText: '',
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
    placeLabel: '',
    address: activity.address,
    serviceArea: area ? area.type : 'none',
    radiusKm: area?.type === 'radius' ? String(area.radiusKm) : '',
    areaText: area?.type === 'area' ? JSON.stringify(area.geometry) : '',
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

const AREA_TYPES = new Set(['Polygon', 'MultiPolygon']);

/** Where in a polygon's coordinates a problem is, as people count: " (ring 1, position 3)". */
function placeIn(type: string, path: PropertyKey[]): string {
  if (path[0] !== 'coordinates') return '';
  const names = type === 'MultiPolygon' ? ['polygon', 'ring', 'position'] : ['ring', 'position'];
  const parts = path
    .slice(1, names.length + 1)
    .map((index, i) => `${names[i]} ${Number(index) + 1}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * Reads a service area pasted as GeoJSON: a Polygon or MultiPolygon, or a Feature (or a
 * FeatureCollection of one) holding one, as geojson.io, QGIS and open-data portals export
 * them. Checked with the shared schema; the error says what to fix in plain words. Whether
 * its edges cross is checked by the server, which names the place.
 */
export function parseAreaText(
  text: string,
): { geometry: AreaGeometry; error?: undefined } | { geometry?: undefined; error: string } {
  if (text.trim() === '') return { error: 'Paste the area as GeoJSON: a Polygon or MultiPolygon' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'This is not GeoJSON: the text is not valid JSON (was all of it pasted?)' };
  }
  const typeOf = (v: unknown) =>
    v && typeof v === 'object' && 'type' in v ? String((v as { type: unknown }).type) : undefined;
  if (typeOf(value) === 'FeatureCollection') {
    const features = (value as { features?: unknown }).features;
    if (!Array.isArray(features) || features.length !== 1) {
      const n = Array.isArray(features) ? features.length : 0;
      return {
        error: `Paste one area: this FeatureCollection holds ${n} features (merge them into one MultiPolygon)`,
      };
    }
    value = features[0];
  }
  if (typeOf(value) === 'Feature') value = (value as { geometry?: unknown }).geometry;
  const type = typeOf(value);
  if (!type || !AREA_TYPES.has(type)) {
    return {
      error: `The area must be a GeoJSON Polygon or MultiPolygon${type ? `, not a ${type}` : ''}`,
    };
  }
  const parsed = AreaGeometry.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `The ${type} is not valid: ${issue.message}${placeIn(type, issue.path)}` };
  }
  return { geometry: parsed.data as AreaGeometry };
}

const MONEY_MESSAGE = 'Enter an amount in pounds, such as 1250 or 1,250.50';
const WHOLE_MESSAGE = 'Enter a whole number, such as 120';
/** What an activity without a location is told: the form's own ways of giving one. */
export const NO_LOCATION_MESSAGE =
  'Search for a town or postcode district and choose a place, or click the map';

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
    costsAvoided[area] = {
      annualPence: money(cost.amount, `${path}.annualPence`, 'Enter the amount a year in pounds'),
      method: cost.method,
      confidence: cost.confidence || undefined,
    };
  }

  // No point at all is one problem, said the way the form offers to fix it; half a point is
  // the schema's to describe ("Enter a latitude").
  function location(): { lon: number | undefined; lat: number | undefined } | undefined {
    if (!draft.lon.trim() && !draft.lat.trim()) {
      notes.location = NO_LOCATION_MESSAGE;
      return undefined;
    }
    return {
      lon: number(draft.lon, 'location.lon', 'Enter a longitude'),
      lat: number(draft.lat, 'location.lat', 'Enter a latitude'),
    };
  }

  let serviceArea: unknown = null;
  if (draft.serviceArea === 'radius') {
    serviceArea = {
      type: 'radius',
      radiusKm: number(draft.radiusKm, 'serviceArea.radiusKm', 'Enter the radius in km'),
    };
  } else if (draft.serviceArea === 'area') {
    const area = parseAreaText(draft.areaText);
    // Without a geometry the schema complains at the same path, and this note wins there.
    if (area.error) notes['serviceArea.geometry'] = area.error;
    serviceArea = { type: 'area', geometry: area.geometry };
  }

  const input: Record<string, unknown> = {
    title: draft.title,
    summary: draft.summary,
    description: draft.description,
    themes: draft.themes,
    category: draft.category || undefined,
    priorityGroups: draft.priorityGroups,
    location: location(),
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
