import { z } from 'zod';
import { Pence, PenceTotal } from '../money';
import { Bands } from '../social-value';
import { page, PageQuery, Timestamp } from './accounts';
import { ActivityStatus, Confidence, CostArea, IsoDate, MeasureRef } from './activities';
import { TenderPriorities, TenderPrioritiesView } from './matching';
import { TerritoryCode } from './territories';

// Responses: TenderView and page(TenderView) (/api/tenders…, award and transition included);
// SpoView and SpoView[] (/api/spos/:id…, /api/tenders/:id/spos); LinkRequests
// (GET /api/link-requests); LinkRequestCounts (GET /api/link-requests/counts); MySpoPage
// (GET /api/me/spos); MyTenderPage (GET /api/me/tenders); OneInAMillionAnswer and
// TomsCalculationAnswer (/api/calculators).

/**
 * `open` becomes `evaluating` by itself at the closing time (the server derives it from
 * the clock on every read, so no job has to run for it to be true).
 */
export const TenderStatuses = ['draft', 'open', 'evaluating', 'awarded', 'cancelled'] as const;
export const TenderStatus = z.enum(TenderStatuses);
export type TenderStatus = z.infer<typeof TenderStatus>;

// zod counts code points, as PostgreSQL's length() does (test/integration/tenders/input-limits).
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** £ a year per £1m of annual contract value, as integer pence. */
const RatePence = Pence;

/**
 * Social value's share of the overall score, in percentage points. Stored with 2 decimals
 * (numeric(5,2)): a finer value would round, to 0 at worst.
 */
const weightingPct = z
  .number()
  .finite()
  .min(0.01, 'must be at least 0.01')
  .max(100)
  .multipleOf(0.01, 'must have at most 2 decimals');

const tenderFields = {
  title: text(200).min(3, 'must be at least 3 characters'),
  /** The buyer's own reference, e.g. "TVP-2027-014". */
  reference: text(60).min(1, 'is required'),
  description: text(10_000).default(''),
  territories: z
    .array(TerritoryCode)
    .min(1, 'choose at least one territory')
    .max(45)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a territory'),
  annualValuePence: Pence.refine((p) => p > 0, 'must be more than £0'),
  durationYears: z.number().int('must be whole years').min(1).max(25),
  startDate: IsoDate,
  /** The One in a Million baseline: what compliance asks, £ a year per £1m. */
  baselinePencePerMillion: RatePence,
  weightingPct: weightingPct.default(10),
  /** Rates (per £1m) at which the mid and higher-ambition bands start. */
  midPencePerMillion: RatePence,
  higherAmbitionPencePerMillion: RatePence,
  closesAt: z.iso.datetime({ offset: true, error: 'must be a date and time with its offset' }),
  /** Local priorities the matching ranks activities by; public with the tender. */
  priorities: TenderPriorities.default(TenderPriorities.parse({})),
};

function checkBands(
  t: {
    baselinePencePerMillion?: number;
    midPencePerMillion?: number;
    higherAmbitionPencePerMillion?: number;
  },
  ctx: z.RefinementCtx,
): void {
  const { baselinePencePerMillion: b, midPencePerMillion: m, higherAmbitionPencePerMillion: h } = t;
  if (b !== undefined && m !== undefined && m < b) {
    ctx.addIssue({
      code: 'custom',
      path: ['midPencePerMillion'],
      message: 'must be at least the baseline',
    });
  }
  if (m !== undefined && h !== undefined && h < m) {
    ctx.addIssue({
      code: 'custom',
      path: ['higherAmbitionPencePerMillion'],
      message: 'must be at least the mid band',
    });
  }
}

/** A new tender, created as a draft by a member of a buyer organisation. */
export const TenderCreate = z
  .strictObject({ buyerId: z.uuid({ error: 'is not a valid id' }).optional(), ...tenderFields })
  .superRefine(checkBands);
export type TenderCreate = z.infer<typeof TenderCreate>;
export type TenderCreateInput = z.input<typeof TenderCreate>;

/** Editing a draft (an open tender changes only by cancelling). */
export const TenderUpdate = z
  // Without the defaults: a field left out of an edit stays as it is.
  .strictObject({
    ...tenderFields,
    description: text(10_000),
    weightingPct,
    priorities: TenderPriorities,
  })
  .partial()
  .superRefine(checkBands);
export type TenderUpdate = z.infer<typeof TenderUpdate>;

/** Moving a tender on: `open` publishes a draft; `cancelled` ends it without award. */
export const TenderTransition = z.strictObject({
  status: z.enum(['open', 'cancelled']),
  reason: text(1000).optional(),
});

export const TenderListQuery = PageQuery.extend({
  status: TenderStatus.optional(),
  territory: TerritoryCode.optional(),
  /** Tenders covering any of these territories, comma-separated (a supplier's own, say). */
  territories: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(TerritoryCode).min(1).max(45))
    .optional(),
  buyer: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
});

/**
 * Awards the contract to one SPO; the contract starts on the tender's start unless given,
 * and runs the tender's whole duration unless `contractEnd` (inclusive, after the start and
 * within the duration) ends it part-way through a year.
 */
export const AwardRequest = z.strictObject({
  spoId: z.uuid(),
  contractStart: IsoDate.optional(),
  contractEnd: IsoDate.optional(),
});

/** Starts an SPO for a supplier; the person's acting-for organisation unless given. */
export const SpoCreate = z.strictObject({
  supplierId: z.uuid({ error: 'is not a valid id' }).optional(),
});

/** A tender as the API shows it. */
export const TenderView = z.object({
  id: z.string(),
  ocid: z.string(),
  buyer: z.object({ id: z.string(), name: z.string(), verified: z.boolean(), demo: z.boolean() }),
  title: z.string(),
  reference: z.string(),
  description: z.string(),
  territories: z.array(z.object({ code: TerritoryCode, name: z.string() })),
  annualValuePence: Pence,
  durationYears: z.number().int().min(1),
  startDate: IsoDate,
  baselinePencePerMillion: Pence,
  weightingPct: z.number(),
  midPencePerMillion: Pence,
  higherAmbitionPencePerMillion: Pence,
  /** What the baseline asks of this contract a year (annual value × baseline ÷ £1m). */
  baselineAnnualPence: PenceTotal,
  closesAt: Timestamp,
  status: TenderStatus,
  awardedAt: Timestamp.nullable(),
  awardedSpoId: z.string().nullable(),
  createdAt: Timestamp,
  priorities: TenderPrioritiesView,
});
export type TenderView = z.infer<typeof TenderView>;

// ——— Social Purchase Orders ———

export const SpoStatuses = ['draft', 'submitted', 'withdrawn', 'awarded', 'not_awarded'] as const;
export const SpoStatus = z.enum(SpoStatuses);
export type SpoStatus = z.infer<typeof SpoStatus>;

export const LineKinds = ['cash', 'in_kind', 'volunteering', 'measure'] as const;
export const LineKind = z.enum(LineKinds);
export type LineKind = z.infer<typeof LineKind>;

/** One commitment a year to one activity: money, hours, or a quantity of a TOMs measure. */
export const SpoLineInput = z.discriminatedUnion('kind', [
  z.strictObject({
    activityId: z.uuid(),
    kind: z.literal('cash'),
    annualPence: Pence.refine((p) => p > 0, 'must be more than £0'),
  }),
  z.strictObject({
    activityId: z.uuid(),
    kind: z.literal('in_kind'),
    annualPence: Pence.refine((p) => p > 0, 'must be more than £0'),
    description: text(300).min(1, 'say what is given'),
  }),
  z.strictObject({
    activityId: z.uuid(),
    kind: z.literal('volunteering'),
    annualHours: z.number().int().gt(0, 'must be more than 0 hours').max(1_000_000),
  }),
  z.strictObject({
    activityId: z.uuid(),
    kind: z.literal('measure'),
    measure: MeasureRef,
    annualQuantity: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,4})?$/, 'must be a positive quantity such as 12 or 12.5')
      // The regex lets "0" and "0.00" through; the database wants more than 0.
      .refine((q) => /[1-9]/.test(q), 'must be more than 0'),
  }),
]);
export type SpoLineInput = z.infer<typeof SpoLineInput>;

export const LineResponse = z.strictObject({
  decision: z.enum(['accepted', 'declined']),
  note: text(1000).default(''),
});

export const CredibilityMark = z.strictObject({
  credible: z.boolean(),
  reason: text(1000).default(''),
});

/** How a provider answered a line: not yet, or accepted or declined with a note. */
export const LineStatuses = ['pending', 'accepted', 'declined'] as const;
export const LineStatus = z.enum(LineStatuses);
export type LineStatus = z.infer<typeof LineStatus>;

export const SpoLineView = z.object({
  id: z.string(),
  activity: z.object({
    id: z.string(),
    title: z.string(),
    territory: z.string(),
    status: ActivityStatus,
    providerId: z.string(),
    providerName: z.string(),
  }),
  kind: LineKind,
  annualPence: Pence.nullable(),
  description: z.string().nullable(),
  annualHours: z.number().int().nullable(),
  measure: z
    .object({
      framework: z.string(),
      code: z.string(),
      measure: z.string(),
      unit: z.string(),
      proxyValueGbp: z.string(),
    })
    .nullable(),
  annualQuantity: z.string().nullable(),
  /** TOMs proxy value a year (measures: quantity × proxy; volunteering: hours × NT29's proxy). */
  annualProxyPence: z.number(),
  status: LineStatus,
  providerNote: z.string(),
  /** The commitment would take the activity past what it can still absorb this year. */
  capacityExceeded: z.boolean(),
});
export type SpoLineView = z.infer<typeof SpoLineView>;

export const SpoFigures = z.object({
  /** Primary impact: cash + in-kind reaching the activities, a year. */
  annualContributionPence: z.number(),
  totalContributionPence: z.number(),
  ratePencePerMillion: z.number(),
  compliant: z.boolean(),
  band: z.enum(Bands),
  annualProxyPence: z.number(),
  totalProxyPence: z.number(),
  /** Secondary impact, never added to the primary: costs the linked activities report avoiding. */
  secondary: z.array(
    z.object({ area: CostArea, annualPence: z.number(), confidence: z.array(Confidence) }),
  ),
});
export type SpoFigures = z.infer<typeof SpoFigures>;

/**
 * A Social Purchase Order as the viewer may see it: whole for its supplier, sealed for the
 * buyer after closing, only their own lines for a linked provider.
 */
export const SpoView = z.object({
  id: z.string(),
  tenderId: z.string(),
  supplier: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  status: SpoStatus,
  version: z.number().int().min(0),
  submittedAt: Timestamp.nullable(),
  contentHash: z.string().nullable(),
  credible: z.boolean(),
  credibilityReason: z.string(),
  flags: z.array(z.string()),
  lines: z.array(SpoLineView),
  figures: SpoFigures,
  score: z.number().nullable(),
  awardedAt: Timestamp.nullable(),
  contractStart: IsoDate.nullable(),
  contractEnd: IsoDate.nullable(),
});
export type SpoView = z.infer<typeof SpoView>;

/**
 * One line of a supplier's SPO asking a provider's activity to take its support, as the
 * provider's inbox lists it. `measure` is the measure's code.
 */
export const LinkRequestView = z.object({
  lineId: z.string(),
  spoId: z.string(),
  tender: z.object({ id: z.string(), title: z.string(), ocid: z.string(), closesAt: Timestamp }),
  supplier: z.object({ id: z.string(), name: z.string() }),
  activity: z.object({ id: z.string(), title: z.string() }),
  kind: LineKind,
  annualPence: Pence.nullable(),
  annualHours: z.number().int().nullable(),
  annualQuantity: z.string().nullable(),
  measure: z.string().nullable(),
  description: z.string().nullable(),
  status: LineStatus,
  providerNote: z.string(),
  /** Accepting would take the activity past what it can still absorb this year. */
  capacityExceeded: z.boolean(),
});
export type LinkRequestView = z.infer<typeof LinkRequestView>;

/** The body of `GET /api/link-requests`. */
export const LinkRequests = z.object({ items: z.array(LinkRequestView) });
export type LinkRequests = z.infer<typeof LinkRequests>;

/**
 * The body of `GET /api/link-requests/counts`: for each provider organisation the person
 * belongs to, the requests still waiting for its answer (pending, on a tender still open),
 * the soonest closing time among them, and how many it has accepted and declined.
 */
export const LinkRequestCounts = z.object({
  items: z.array(
    z.object({
      provider: z.object({ id: z.string(), name: z.string() }),
      waiting: z.number().int().min(0),
      accepted: z.number().int().min(0),
      declined: z.number().int().min(0),
      nextClosesAt: Timestamp.nullable(),
    }),
  ),
});
export type LinkRequestCounts = z.infer<typeof LinkRequestCounts>;

// ——— What a person's own organisations have on the go (their home page) ———

/** `GET /api/me/spos`: one page of the person's suppliers' SPOs, of one status if asked. */
export const MySpoListQuery = PageQuery.extend({ status: SpoStatus.optional() });

/**
 * One SPO of a supplier the person belongs to, with its tender's deadline and where its
 * lines stand. `status` is as its supplier sees it (`SpoView`): `draft` while lines have
 * changed since the sealed version, which still stands (`sealedVersion`, `submittedAt`).
 */
export const MySpoSummary = z.object({
  id: z.string(),
  status: SpoStatus,
  supplier: z.object({ id: z.string(), name: z.string() }),
  tender: z.object({
    id: z.string(),
    title: z.string(),
    reference: z.string(),
    status: TenderStatus,
    closesAt: Timestamp,
    buyer: z.object({ id: z.string(), name: z.string() }),
  }),
  lines: z.object({
    total: z.number().int().min(0),
    pending: z.number().int().min(0),
    accepted: z.number().int().min(0),
    declined: z.number().int().min(0),
  }),
  sealedVersion: z.number().int().min(0),
  submittedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type MySpoSummary = z.infer<typeof MySpoSummary>;

/** The page, with how many of the person's SPOs are in each status (whatever the filter). */
export const MySpoPage = page(MySpoSummary).extend({
  byStatus: z.record(SpoStatus, z.number().int().min(0)),
});
export type MySpoPage = z.infer<typeof MySpoPage>;

/** `GET /api/me/tenders`: one page of the person's buyers' tenders, of one status if asked. */
export const MyTenderListQuery = PageQuery.extend({ status: TenderStatus.optional() });

/**
 * A tender of a buyer the person belongs to, with its sealed bids counted once it has closed
 * (null before: the buyer sees no bid, nor how many there are, until the closing time).
 */
export const MyTenderSummary = TenderView.extend({
  sealedBids: z.number().int().min(0).nullable(),
});
export type MyTenderSummary = z.infer<typeof MyTenderSummary>;

/** The page, with how many of the person's tenders are in each status (whatever the filter). */
export const MyTenderPage = page(MyTenderSummary).extend({
  byStatus: z.record(TenderStatus, z.number().int().min(0)),
});
export type MyTenderPage = z.infer<typeof MyTenderPage>;

// ——— Calculators ———

/** A £ amount typed in a query string: pounds with up to 2 decimals. */
const PoundsParam = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be an amount in £ such as 1500000 or 7500.50')
  .transform((s) => {
    const [whole, fraction = ''] = s.split('.');
    return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  });

export const OneInAMillionQuery = z.object({
  annualContractValue: PoundsParam,
  ratePerMillion: PoundsParam.refine(
    (p) => p <= 100_000_000,
    'must be at most £1,000,000 per £1m (all of the contract)',
  ),
  years: z
    .string()
    .regex(/^\d{1,2}$/, 'must be whole years from 1 to 25')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'must be whole years from 1 to 25')
        .max(25, 'must be whole years from 1 to 25'),
    ),
  startDate: IsoDate.refine(
    (d) => d >= '1990-01-01' && d <= '2199-12-31',
    'must be between 1990 and 2199',
  ).optional(),
});

export const OneInAMillionAnswer = z.object({
  annualContractValuePence: PenceTotal,
  ratePerMillionPence: PenceTotal,
  years: z.number().int().min(1),
  annualContributionPence: PenceTotal,
  totalPence: PenceTotal,
  schedule: z.array(
    z.object({ year: z.number().int().min(1), due: IsoDate.nullable(), amountPence: PenceTotal }),
  ),
});
export type OneInAMillionAnswer = z.infer<typeof OneInAMillionAnswer>;

export const TomsCalculation = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        code: z.string().trim().min(1).max(40),
        framework: z.string().max(64).optional(),
        quantity: z.union([
          z.number().finite().min(0).max(1e12, 'must be at most 1,000,000,000,000'),
          z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a quantity such as 12 or 12.5'),
        ]),
        /** £, as stated in the pledge table. */
        statedValue: z
          .number()
          .finite()
          .min(0)
          .max(1e11, 'must be at most £100 billion')
          .optional(),
      }),
    )
    .min(1, 'add at least one line')
    .max(500),
});

export const TomsCalculationLine = z.object({
  code: z.string(),
  quantity: z.string(),
  /** null for a code no framework has. */
  proxyValueGbp: z.string().nullable(),
  unit: z.string().nullable(),
  computedPence: z.number().nullable(),
  statedPence: z.number().nullable(),
  mismatch: z.boolean(),
  error: z.string().nullable(),
});
export type TomsCalculationLine = z.infer<typeof TomsCalculationLine>;

export const TomsCalculationAnswer = z.object({
  lines: z.array(TomsCalculationLine),
  totalComputedPence: z.number(),
  totalStatedPence: z.number(),
});
export type TomsCalculationAnswer = z.infer<typeof TomsCalculationAnswer>;
