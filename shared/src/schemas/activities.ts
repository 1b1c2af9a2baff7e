import { z } from 'zod';
import {
  AreaGeometry,
  MERCATOR_MAX_LAT,
  PointShape,
  geoFeature,
  geoFeatureCollection,
  toTileUnits,
} from '../geo';
import { Pence, PenceTotal } from '../money';
import { PageQuery, Timestamp } from './accounts';
import { TerritoryCode } from './territories';

// Responses: page(ActivitySummary) (GET /api/activities), ActivityMap (GET /api/activities/map),
// ActivityView (GET, POST, PATCH /api/activities[/:id]), ActivitySupporters
// (GET /api/activities/:id/supporters).

/** The three outcomes the marketplace is about; an activity serves one or more. */
export const Themes = ['healthier', 'safer', 'more_resilient'] as const;
export const Theme = z.enum(Themes);
export type Theme = z.infer<typeof Theme>;
export const THEME_LABELS: Record<Theme, string> = {
  healthier: 'Healthier',
  safer: 'Safer',
  more_resilient: 'More resilient',
};

/**
 * The fixed list of activity categories (documented in README.md). Adding one is a code
 * change on purpose: buyers filter and report on these, so they must not drift.
 */
export const CATEGORY_LABELS = {
  youth_diversion: 'Youth diversion',
  mental_health: 'Mental health',
  domestic_abuse_support: 'Domestic abuse support',
  substance_misuse: 'Substance misuse',
  homelessness: 'Homelessness',
  food_poverty: 'Food poverty',
  employment_and_skills: 'Employment and skills',
  older_people_and_isolation: 'Older people and isolation',
  reducing_reoffending: 'Reducing reoffending',
  victim_support: 'Victim support',
  family_support: 'Family support',
  sport_and_physical_activity: 'Sport and physical activity',
  education_and_mentoring: 'Education and mentoring',
  debt_and_financial_inclusion: 'Debt and financial inclusion',
  digital_inclusion: 'Digital inclusion',
  community_safety: 'Community safety',
  green_spaces_and_environment: 'Green spaces and environment',
  arts_and_culture: 'Arts and culture',
} as const;
export type Category = keyof typeof CATEGORY_LABELS;
export const Categories = Object.keys(CATEGORY_LABELS) as [Category, ...Category[]];
export const Category = z.enum(Categories, {
  error: (issue) =>
    issue.input === undefined ? 'Select a category' : 'Select a category from the list',
});

/** Groups the public-sector social value guidance asks contracts to reach. */
export const PRIORITY_GROUP_LABELS = {
  care_leavers: 'Care leavers',
  young_people_at_risk: 'Young people at risk',
  ex_offenders: 'Ex-offenders',
  veterans: 'Veterans',
  people_with_disabilities: 'People with disabilities',
  long_term_unemployed: 'Long-term unemployed',
  neet_young_people: 'Young people not in education, employment or training',
  homeless_people: 'People who are homeless',
  victims_of_crime: 'Victims of crime',
  survivors_of_domestic_abuse: 'Survivors of domestic abuse',
  people_in_recovery: 'People in recovery from addiction',
  older_people: 'Older people',
  carers: 'Carers',
  refugees_and_asylum_seekers: 'Refugees and asylum seekers',
  low_income_families: 'Low-income families',
} as const;
export type PriorityGroup = keyof typeof PRIORITY_GROUP_LABELS;
export const PriorityGroups = Object.keys(PRIORITY_GROUP_LABELS) as [
  PriorityGroup,
  ...PriorityGroup[],
];
export const PriorityGroup = z.enum(PriorityGroups, {
  error: 'Select priority groups from the list',
});

/** `at_risk` carries the date the activity closes without funding; `closed` is final. */
export const ActivityStatuses = ['active', 'at_risk', 'paused', 'closed'] as const;
export const ActivityStatus = z.enum(ActivityStatuses);
export type ActivityStatus = z.infer<typeof ActivityStatus>;
export const STATUS_LABELS: Record<ActivityStatus, string> = {
  active: 'Active',
  at_risk: 'At risk',
  paused: 'Paused',
  closed: 'Closed',
};

export const Confidences = ['low', 'medium', 'high'] as const;
export const Confidence = z.enum(Confidences, {
  error: 'Select how confident the estimate is',
});
export type Confidence = z.infer<typeof Confidence>;

/** Public services whose frontline costs an activity can reduce. */
export const CostAreas = ['police', 'nhs', 'council', 'justice'] as const;
export const CostArea = z.enum(CostAreas);
export type CostArea = z.infer<typeof CostArea>;
export const COST_AREA_LABELS: Record<CostArea, string> = {
  police: 'Police',
  nhs: 'NHS',
  council: 'Council',
  justice: 'Criminal justice',
};

export const NeedTypes = ['funding', 'volunteers', 'in_kind'] as const;
export const NeedType = z.enum(NeedTypes);
export type NeedType = z.infer<typeof NeedType>;
export const NEED_LABELS: Record<NeedType, string> = {
  funding: 'Funding',
  volunteers: 'Volunteer hours',
  in_kind: 'In-kind support',
};

/**
 * A required number, in GOV.UK wording: "Enter a longitude" when it is missing, "Longitude
 * must be a number" when it is something else.
 */
const requiredNumber = (enter: string, label: string) =>
  z.number({
    error: (issue) => (issue.input === undefined ? enter : `${label} must be a number`),
  });

const Longitude = requiredNumber('Enter a longitude', 'Longitude')
  .finite()
  .min(-180, 'Longitude must be between -180 and 180')
  .max(180, 'Longitude must be between -180 and 180');
const Latitude = requiredNumber('Enter a latitude', 'Latitude')
  .finite()
  .min(-90, 'Latitude must be between -90 and 90')
  .max(90, 'Latitude must be between -90 and 90');

/** Where an activity happens; its territory is derived from this in the database. */
export const LonLat = z.strictObject(
  { lon: Longitude, lat: Latitude },
  {
    error: (issue) =>
      issue.input === undefined ? 'Enter where it happens, as longitude and latitude' : undefined,
  },
);
export type LonLat = z.infer<typeof LonLat>;

/** Who the activity reaches: a radius around its point, or a drawn area. */
export const ServiceArea = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('radius'),
    radiusKm: requiredNumber('Enter the radius in km', 'Radius')
      .finite()
      .gt(0, 'Radius must be more than 0 km')
      .max(300, 'Radius must be 300 km or less'),
  }),
  z.strictObject({ type: z.literal('area'), geometry: AreaGeometry }),
]);
export type ServiceArea = z.infer<typeof ServiceArea>;

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * Free text of at most `max` characters, trimmed. Messages follow GOV.UK's wording: "Title
 * must be 120 characters or fewer"; `enter` makes it required ("Enter a title").
 */
function text(label: string, max: number, enter?: string) {
  const base = z.string({ error: `${label} must be text` }).trim();
  return (enter ? base.min(1, { error: enter, abort: true }) : base).max(
    max,
    `${label} must be ${count(max)} characters or fewer`,
  );
}
const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const Outcome = z.strictObject({
  label: text('Outcome', 200, 'Enter what changes for people'),
  figure: requiredNumber('Enter a figure', 'Figure').finite(),
  unit: text('Unit', 50, 'Enter the unit, such as people'),
});

export const EvidenceLink = z.strictObject({
  title: text('Link title', 200, 'Enter a title for the link'),
  url: z
    .url({
      protocol: /^https?$/,
      error: 'Enter a web address starting with https:// or http://',
    })
    .max(2000, 'Web address must be 2,000 characters or fewer'),
});

/** Estimated annual frontline costs avoided for one public service, and how sure we are. */
export const CostAvoided = z.strictObject({
  annualPence: Pence,
  method: text('How it was estimated', 1000, 'Say how this was estimated, or cite a source'),
  confidence: Confidence,
});
export type CostAvoided = z.infer<typeof CostAvoided>;

export const Impact = z.strictObject({
  peopleReachedPerYear: requiredNumber(
    'Enter how many people it reaches a year (0 if not known yet)',
    'People reached a year',
  )
    .int('People reached a year must be a whole number')
    .min(0, 'People reached a year must be 0 or more')
    .max(100_000_000, 'People reached a year must be 100,000,000 or fewer'),
  outcomes: z.array(Outcome).max(20, 'Add 20 outcomes or fewer').default([]),
  evidence: z
    .strictObject({
      links: z.array(EvidenceLink).max(20, 'Add 20 links or fewer').default([]),
      evaluationSummary: text('Evaluation summary', 5000).default(''),
    })
    .default({ links: [], evaluationSummary: '' }),
  /** The secondary impact: savings to police, NHS, councils and justice, where estimated. */
  costsAvoided: z
    .strictObject({
      police: CostAvoided.optional(),
      nhs: CostAvoided.optional(),
      council: CostAvoided.optional(),
      justice: CostAvoided.optional(),
    })
    .default({}),
});
export type Impact = z.infer<typeof Impact>;

export const Needs = z.strictObject({
  fundingGapPence: Pence.default(0),
  volunteerHoursPerYear: requiredNumber('Enter the volunteer hours a year', 'Volunteer hours')
    .int('Volunteer hours must be a whole number')
    .min(0, 'Volunteer hours must be 0 or more')
    .max(10_000_000, 'Volunteer hours must be 10,000,000 or fewer')
    .default(0),
  inKind: z
    .array(text('Each thing needed', 200, 'Enter each thing needed, separated by commas'))
    .max(30, 'List 30 things or fewer')
    .default([]),
});
export type Needs = z.infer<typeof Needs>;

/** A TOMs measure the activity can evidence, in a named framework (National TOMs by default). */
export const MeasureRef = z.strictObject({
  framework: z.string().max(64).default('national-toms-starter'),
  code: z.string().trim().min(1).max(40),
});
export type MeasureRef = z.infer<typeof MeasureRef>;

/** A date as `YYYY-MM-DD`. */
export const IsoDate = z.iso.date({ error: 'must be a date such as 2027-03-31' });

const ProviderId = z.uuid({ error: 'Select the provider that runs the activity' });
const Title = text('Title', 120, 'Enter a title').min(3, 'Title must be 3 characters or more');
const Summary = text('Summary', 300, 'Enter a summary').min(
  10,
  'Summary must be 10 characters or more',
);
const Description = text('Description', 10_000);
const ActivityThemes = z
  .array(Theme, { error: 'Select at least one theme' })
  .min(1, 'Select at least one theme')
  .refine(unique, 'Select each theme only once');
const ActivityPriorityGroups = z
  .array(PriorityGroup)
  .refine(unique, 'Select each priority group only once');
const Address = text('Address', 300);

const activityFields = {
  title: Title,
  summary: Summary,
  description: Description.default(''),
  themes: ActivityThemes,
  category: Category,
  priorityGroups: ActivityPriorityGroups.default([]),
  location: LonLat,
  address: Address.default(''),
  serviceArea: ServiceArea.nullable().default(null),
  impact: Impact,
  needs: Needs.default({ fundingGapPence: 0, volunteerHoursPerYear: 0, inKind: [] }),
  /** How much support a year the activity can absorb, so pledges can be held against it. */
  capacityPence: Pence.default(0),
  measures: z
    .array(MeasureRef)
    .max(50, 'Choose 50 measures or fewer')
    .refine(
      (ms) => unique(ms.map((m) => `${m.framework} ${m.code}`)),
      'Choose each measure only once',
    )
    .default([]),
  atRiskUntil: IsoDate.nullable().default(null),
};

/** A new activity. The provider defaults to the organisation the person acts for. */
export const ActivityCreate = z
  .strictObject({
    providerId: ProviderId.optional(),
    ...activityFields,
    status: z.enum(['active', 'at_risk', 'paused']).default('active'),
  })
  .superRefine(checkAtRisk);
export type ActivityCreate = z.infer<typeof ActivityCreate>;
export type ActivityCreateInput = z.input<typeof ActivityCreate>;

/**
 * Editing an activity: any field, pausing (`paused`), resuming (`active`) or closing
 * (`closed`, which is final). Leaving `at_risk` clears its date.
 */
export const ActivityUpdate = z
  .strictObject({
    title: Title,
    summary: Summary,
    description: Description,
    themes: ActivityThemes,
    category: Category,
    priorityGroups: ActivityPriorityGroups,
    location: LonLat,
    address: Address,
    serviceArea: ServiceArea.nullable(),
    impact: Impact,
    needs: Needs,
    capacityPence: Pence,
    measures: activityFields.measures.unwrap(),
    status: ActivityStatus,
    atRiskUntil: IsoDate.nullable(),
    /**
     * The `version` the edit was made from: when given, the edit is refused (409
     * `edit_conflict`) if the activity has been edited since.
     */
    version: z.number().int().min(1),
  })
  .partial()
  .superRefine(checkAtRisk);
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

function checkAtRisk(
  value: { status?: ActivityStatus; atRiskUntil?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (value.status === 'at_risk' && !value.atRiskUntil) {
    ctx.addIssue({
      code: 'custom',
      path: ['atRiskUntil'],
      message: 'Enter the date it closes without funding',
    });
  }
  if (value.status !== undefined && value.status !== 'at_risk' && value.atRiskUntil) {
    ctx.addIssue({
      code: 'custom',
      path: ['atRiskUntil'],
      message: 'Only an activity at risk has a closing date',
    });
  }
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const commaNumbers = (n: number, what: string) =>
  z.string().transform((s, ctx) => {
    const parts = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== n || parts.some((p) => !Number.isFinite(p))) {
      ctx.addIssue({ code: 'custom', message: `must be ${what}` });
      return z.NEVER;
    }
    return parts;
  });

/** `minLon,minLat,maxLon,maxLat` in degrees; west before east (no antimeridian crossing). */
export const Bbox = commaNumbers(4, 'four numbers: minLon,minLat,maxLon,maxLat').superRefine(
  ([w, s, e, n], ctx) => {
    if (w! < -180 || e! > 180)
      ctx.addIssue({ code: 'custom', message: 'longitudes must be between -180 and 180' });
    if (s! < -90 || n! > 90)
      ctx.addIssue({ code: 'custom', message: 'latitudes must be between -90 and 90' });
    if (w! >= e!) {
      ctx.addIssue({
        code: 'custom',
        message:
          'minLon must be less than maxLon (a box crossing the antimeridian is not supported)',
      });
    }
    if (s! >= n!) ctx.addIssue({ code: 'custom', message: 'minLat must be less than maxLat' });
  },
) as unknown as z.ZodType<[number, number, number, number], string>;

/** `lon,lat` of the point a `km` radius filter is centred on. */
export const NearPoint = commaNumbers(2, 'two numbers: lon,lat').superRefine(([lon, lat], ctx) => {
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
    ctx.addIssue({ code: 'custom', message: 'must be a lon,lat inside -180..180, -90..90' });
  }
}) as unknown as z.ZodType<[number, number], string>;

/** The filters shared by the map and the list; every one optional and combinable. */
export const ActivityFilters = z
  .object({
    territory: TerritoryCode.optional(),
    theme: Theme.optional(),
    category: Category.optional(),
    group: PriorityGroup.optional(),
    /** A TOMs measure code the activity evidences (any framework). */
    measure: z.string().trim().min(1).max(40).optional(),
    need: NeedType.optional(),
    atRisk: bool.optional(),
    /** Free text, PostgreSQL full-text search (web search syntax: words, "phrases", -not). */
    q: z.string().trim().max(200).optional(),
    near: NearPoint.optional(),
    km: z.coerce
      .number()
      .finite()
      .gt(0, 'must be more than 0')
      .max(500, 'must be at most 500')
      .optional(),
    provider: z.uuid({ error: 'is not a valid id' }).optional(),
    /** Which statuses to include, comma-separated; active and at-risk unless asked. */
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(ActivityStatus).min(1))
      .optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.near === undefined) !== (f.km === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [f.near === undefined ? 'near' : 'km'],
        message: 'near (lon,lat) and km go together',
      });
    }
  });
export type ActivityFilters = z.infer<typeof ActivityFilters>;

export const ActivityListQuery = z.intersection(
  PageQuery.extend({ bbox: Bbox.optional() }),
  ActivityFilters,
);
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const MAX_ZOOM = 20;

/**
 * The widest or tallest box the map answers, in screen pixels at the zoom asked for: a
 * generous screen. A bigger box at that zoom would make the answer grow with the catalogue
 * (one cell per activity at street level) rather than with the screen.
 */
export const MAP_MAX_PX = 4096;

/** A box's width and height in screen pixels at a zoom (Web Mercator, 256-pixel tiles). */
export function bboxPixels(
  [west, south, east, north]: readonly [number, number, number, number],
  zoom: number,
): { width: number; height: number } {
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  const [x0, y0] = toTileUnits(west, clamp(north, MERCATOR_MAX_LAT));
  const [x1, y1] = toTileUnits(east, clamp(south, MERCATOR_MAX_LAT));
  // MERCATOR_MAX_LAT is rounded up a hair: the whole world must still be one world wide.
  const unit = (v: number) => Math.max(0, Math.min(1, v));
  const side = 256 * 2 ** zoom;
  return { width: (unit(x1) - unit(x0)) * side, height: (unit(y1) - unit(y0)) * side };
}

/** Does the box fit the map's limit (MAP_MAX_PX a side) at this zoom? */
export function bboxFitsZoom(
  bbox: readonly [number, number, number, number],
  zoom: number,
): boolean {
  const { width, height } = bboxPixels(bbox, zoom);
  return width <= MAP_MAX_PX && height <= MAP_MAX_PX;
}

/**
 * The zoom a client should ask the map for: its own, or the closest lower one at which the
 * box fits (a screen wider than MAP_MAX_PX, or a fractional zoom rounded up, can exceed it).
 */
export function mapZoomFor(bbox: readonly [number, number, number, number], zoom: number): number {
  let z = zoom;
  while (z > 0 && !bboxFitsZoom(bbox, z)) z -= 1;
  return z;
}

export const ActivityMapQuery = z.intersection(
  z
    .object({
      bbox: Bbox,
      zoom: z.coerce
        .number({ error: 'must be a whole number from 0 to 20' })
        .int('must be a whole number from 0 to 20')
        .min(0, 'must be a whole number from 0 to 20')
        .max(MAX_ZOOM, 'must be a whole number from 0 to 20'),
    })
    .superRefine(({ bbox, zoom }, ctx) => {
      if (!Array.isArray(bbox) || !Number.isInteger(zoom) || bboxFitsZoom(bbox, zoom)) return;
      const { width, height } = bboxPixels(bbox, zoom);
      const px = (n: number) => Math.ceil(n).toLocaleString('en-GB');
      ctx.addIssue({
        code: 'custom',
        path: ['bbox'],
        message:
          `is ${px(width)} × ${px(height)} pixels at zoom ${zoom}, more than the ` +
          `${px(MAP_MAX_PX)} a side the map answers: ask for the box in view, or a lower zoom`,
      });
    }),
  ActivityFilters,
);
export type ActivityMapQuery = z.infer<typeof ActivityMapQuery>;

/** The provider an activity belongs to, as lists and pages name it. */
export const ProviderRef = z.object({
  id: z.string(),
  name: z.string(),
  verified: z.boolean(),
  demo: z.boolean(),
});
export type ProviderRef = z.infer<typeof ProviderRef>;

export const MeasureEvidenced = z.object({
  framework: z.string(),
  code: z.string(),
  measure: z.string(),
  unit: z.string(),
  proxyValueGbp: z.string(),
});
export type MeasureEvidenced = z.infer<typeof MeasureEvidenced>;

const TerritoryRef = z.object({ code: TerritoryCode, name: z.string() });

/** One activity, whole, as the activity page shows it. */
export const ActivityView = z.object({
  id: z.string(),
  provider: ProviderRef,
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  themes: z.array(Theme),
  category: Category,
  priorityGroups: z.array(PriorityGroup),
  location: LonLat,
  address: z.string(),
  territory: TerritoryRef,
  serviceArea: ServiceArea.nullable(),
  impact: Impact,
  needs: Needs,
  capacityPence: Pence,
  measures: z.array(MeasureEvidenced),
  status: ActivityStatus,
  atRiskUntil: IsoDate.nullable(),
  demo: z.boolean(),
  /** Counts edits: send it back with an edit to have it refused if someone edited since. */
  version: z.number().int().min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ActivityView = z.infer<typeof ActivityView>;

/** One activity in a list. */
export const ActivitySummary = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  category: Category,
  themes: z.array(Theme),
  status: ActivityStatus,
  atRiskUntil: IsoDate.nullable(),
  territory: TerritoryRef,
  provider: ProviderRef,
  location: LonLat,
  fundingGapPence: Pence,
  volunteerHoursPerYear: z.number().int().min(0),
  peopleReachedPerYear: z.number().int().min(0),
  demo: z.boolean(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const ClusterProperties = z.object({
  kind: z.literal('cluster'),
  count: z.number().int().min(1),
  fundingGapPence: PenceTotal,
  /** The extent of the activities inside: zoom to it to split the cluster. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type ClusterProperties = z.infer<typeof ClusterProperties>;

export const ActivityPointProperties = z.object({
  kind: z.literal('activity'),
  id: z.string(),
  title: z.string(),
  category: Category,
  themes: z.array(Theme),
  status: ActivityStatus,
  fundingGapPence: Pence,
});
export type ActivityPointProperties = z.infer<typeof ActivityPointProperties>;

export const ActivityMapFeature = geoFeature(
  PointShape,
  z.discriminatedUnion('kind', [ClusterProperties, ActivityPointProperties]),
);
export type ActivityMapFeature = z.infer<typeof ActivityMapFeature>;

/**
 * `/api/activities/map`: clusters when zoomed out, single activities when zoomed in.
 * `total` is the number of matching activities in the box (the clusters' counts add up
 * to it); `truncated` says the street-level answer was capped at `limit` activities.
 */
export const ActivityMap = geoFeatureCollection(ActivityMapFeature).extend({
  zoom: z.number().int().min(0).max(MAX_ZOOM),
  clustered: z.boolean(),
  total: z.number().int().min(0),
  truncated: z.boolean(),
});
export type ActivityMap = z.infer<typeof ActivityMap>;

/** A supplier whose awarded SPO supports an activity, with what it commits a year. */
export const ActivitySupporter = z.object({
  spoId: z.string(),
  tenderId: z.string(),
  tenderTitle: z.string(),
  supplier: z.object({ id: z.string(), name: z.string() }),
  awardedAt: Timestamp.nullable(),
  annualPence: PenceTotal,
});
export type ActivitySupporter = z.infer<typeof ActivitySupporter>;

/** The body of `GET /api/activities/:id/supporters`. */
export const ActivitySupporters = z.object({ items: z.array(ActivitySupporter) });
export type ActivitySupporters = z.infer<typeof ActivitySupporters>;
