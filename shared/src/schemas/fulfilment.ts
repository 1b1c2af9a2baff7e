import { z } from 'zod';
import { PenceTotal } from '../money';
import { Timestamp } from './accounts';
import { IsoDate } from './activities';
import { LineUnit } from './delivery';
import { LineKind } from './tenders';

// Fulfilment: what awarded SPOs delivered (confirmed by the providers) against what they
// committed, per line, SPO, supplier, tender, provider and territory; and the buyers' reports.
//
// Routes (server/src/features/fulfilment):
//   GET /api/tenders/:id/fulfilment              TenderFulfilment (public once the tender is
//                                                awarded; 404 tender_not_found when it is not)
//   GET /api/organisations/:id/track-record      TrackRecord: a supplier's awarded SPOs (public)
//   GET /api/organisations/:id/fulfilment        ProviderFulfilment: what a provider's activities
//                                                were committed and received (public)
//   GET /api/territories/:code/fulfilment        TerritoryFulfilment: the awarded lines on
//                                                activities in the territory (public)
//   GET /api/tenders/:id/report                  ContractReport (members of the tender's buyer,
//                                                admins; 401 anonymous, 403 others)
//   GET /api/tenders/:id/report.csv              the same as CSV, one row per line (FULFILMENT_CSV_COLUMNS)
//   GET /api/territories/:code/report            TerritoryReport (members of any buyer
//                                                organisation, admins; 401 anonymous, 403 others)
//   GET /api/territories/:code/report.csv        the same as CSV, one row per line
//
// Definitions:
// - committed: from the awarded (sealed) lines and the contribution schedule
//   (shared/src/contributions.ts lineSchedule over the SPO's contract_start..contract_end).
//   `committed` is the whole contract; `dueToDate` the milestones whose due date is on or
//   before today; `dueThisYear` the milestones due in the current calendar year.
// - delivered: the confirmed amount of reports the provider confirmed or part-confirmed that
//   no other report supersedes. `deliveredToDate` counts every such report; `deliveredThisYear`
//   those on contract years whose milestone falls due in the current calendar year.
// - ratio: delivered ÷ due; null while nothing is due yet. It may exceed 1.
// - Cash (pence), in kind (pence) and volunteering (hours) are kept apart and never summed
//   together; TOMs measure lines are quantities per measure. A TOMs proxy £ value appears only
//   as `estimatedProxyPence`, an estimate, never added to the other figures.
// - Amounts in hours are rounded to 2 decimal places, quantities to 4; pence are whole.
// - Lists: overdue milestones (past the due date plus the tender's grace days with less
//   delivered than due), disputed reports and unverified ones (unanswered past respond-by);
//   superseded reports are in neither. No comment text is ever included.

/** Committed, due and delivered in one unit (pence, hours or a measure's quantity). */
export const FulfilmentFigures = z.object({
  /** The whole contract's commitment. */
  committed: z.number().min(0),
  /** Milestones due on or before today. */
  dueToDate: z.number().min(0),
  /** Confirmed delivered so far (confirmed and part-confirmed reports not superseded). */
  deliveredToDate: z.number().min(0),
  /** deliveredToDate ÷ dueToDate; null while nothing is due. */
  ratioToDate: z.number().min(0).nullable(),
  /** Milestones due in the current calendar year. */
  dueThisYear: z.number().min(0),
  /** Confirmed delivered on the contract years whose milestone falls due this calendar year. */
  deliveredThisYear: z.number().min(0),
  /** deliveredThisYear ÷ dueThisYear; null when nothing falls due this year. */
  ratioThisYear: z.number().min(0).nullable(),
});
export type FulfilmentFigures = z.infer<typeof FulfilmentFigures>;

/**
 * An ESTIMATE: TOMs proxy value (quantity or hours × the measure's proxy £) of what was
 * committed, due and delivered, in pence. Never a cash figure and never added to one.
 */
export const EstimatedProxyPence = z.object({
  committed: PenceTotal,
  dueToDate: PenceTotal,
  deliveredToDate: PenceTotal,
});
export type EstimatedProxyPence = z.infer<typeof EstimatedProxyPence>;

/** One TOMs measure's figures, in the measure's own unit. */
export const MeasureFulfilment = z.object({
  code: z.string(),
  measure: z.string(),
  unit: z.string(),
  figures: FulfilmentFigures,
  /** An estimate (see EstimatedProxyPence), apart from every cash figure. */
  estimatedProxyPence: EstimatedProxyPence,
});
export type MeasureFulfilment = z.infer<typeof MeasureFulfilment>;

/** Totals kept apart by kind: never summed across units. */
export const FulfilmentTotals = z.object({
  /** Cash, in pence. */
  cash: FulfilmentFigures,
  /** In kind, in pence (its stated value). */
  inKind: FulfilmentFigures,
  /** Volunteering, in hours. */
  volunteeringHours: FulfilmentFigures,
  /** TOMs measures, one entry per measure code, in its unit. */
  measures: z.array(MeasureFulfilment),
});
export type FulfilmentTotals = z.infer<typeof FulfilmentTotals>;

/** How many of a line's (or a set of lines') items need attention. */
export const FulfilmentCounts = z.object({
  overdue: z.number().int().min(0),
  disputed: z.number().int().min(0),
  unverified: z.number().int().min(0),
});
export type FulfilmentCounts = z.infer<typeof FulfilmentCounts>;

const Ref = z.object({ id: z.string(), name: z.string() });

/** One awarded line and its fulfilment, with where it sits (tender, supplier, activity). */
export const FulfilmentLine = z.object({
  lineId: z.string(),
  spoId: z.string(),
  tender: z.object({ id: z.string(), title: z.string() }),
  buyer: Ref,
  supplier: Ref,
  activity: z.object({
    id: z.string(),
    title: z.string(),
    /** The territory code the activity is in. */
    territory: z.string(),
    providerId: z.string(),
    providerName: z.string(),
  }),
  kind: LineKind,
  unit: LineUnit,
  /** What the amounts count: "pence" (cash, in kind), "hours" (volunteering), or the measure's unit. */
  unitLabel: z.string(),
  description: z.string().nullable(),
  measure: z.object({ code: z.string(), measure: z.string() }).nullable(),
  /** The annual commitment in the line's unit. */
  annual: z.number().min(0),
  figures: FulfilmentFigures,
  /** An estimate, for measure and volunteering lines only (null otherwise). */
  estimatedProxyPence: EstimatedProxyPence.nullable(),
  counts: FulfilmentCounts,
});
export type FulfilmentLine = z.infer<typeof FulfilmentLine>;

/** One contribution past its due date and grace days with less delivered than due. */
export const OverdueMilestone = z.object({
  spoId: z.string(),
  lineId: z.string(),
  tender: z.object({ id: z.string(), title: z.string() }),
  supplier: Ref,
  activity: z.object({ id: z.string(), title: z.string(), providerName: z.string() }),
  kind: LineKind,
  unit: LineUnit,
  unitLabel: z.string(),
  period: z.number().int(),
  dueDate: IsoDate,
  /** The due date plus the tender's grace days: overdue after this day. */
  overdueAfter: IsoDate,
  due: z.number(),
  delivered: z.number(),
});
export type OverdueMilestone = z.infer<typeof OverdueMilestone>;

/** A disputed or unverified report, without any comment text. */
export const FulfilmentReportItem = z.object({
  reportId: z.string(),
  spoId: z.string(),
  lineId: z.string(),
  tender: z.object({ id: z.string(), title: z.string() }),
  supplier: Ref,
  activity: z.object({ id: z.string(), title: z.string(), providerName: z.string() }),
  kind: LineKind,
  unit: LineUnit,
  unitLabel: z.string(),
  period: z.number().int(),
  /** Reported, in the line's unit. */
  amount: z.number(),
  status: z.enum(['disputed', 'unverified']),
  createdAt: Timestamp,
  respondBy: Timestamp,
  respondedAt: Timestamp.nullable(),
});
export type FulfilmentReportItem = z.infer<typeof FulfilmentReportItem>;

/** What every level answers with: lines, totals and the lists needing attention. */
export const FulfilmentSummary = z.object({
  /** The day the figures are worked out for (UTC). */
  asOf: IsoDate,
  /** The calendar year "this year" means. */
  year: z.number().int(),
  lines: z.array(FulfilmentLine),
  totals: FulfilmentTotals,
  counts: FulfilmentCounts,
  overdue: z.array(OverdueMilestone),
  disputed: z.array(FulfilmentReportItem),
  unverified: z.array(FulfilmentReportItem),
});
export type FulfilmentSummary = z.infer<typeof FulfilmentSummary>;

/** One awarded SPO (a contract) and its totals; its lines are in the summary's `lines`. */
export const ContractFulfilment = z.object({
  spoId: z.string(),
  tender: z.object({ id: z.string(), title: z.string() }),
  buyer: Ref,
  supplier: Ref,
  awardedAt: Timestamp.nullable(),
  contractStart: IsoDate,
  contractEnd: IsoDate,
  totals: FulfilmentTotals,
  counts: FulfilmentCounts,
});
export type ContractFulfilment = z.infer<typeof ContractFulfilment>;

/** GET /api/tenders/:id/fulfilment: an awarded tender's contract(s). */
export const TenderFulfilment = FulfilmentSummary.extend({
  tender: z.object({
    id: z.string(),
    title: z.string(),
    buyer: Ref,
    graceDays: z.number().int(),
    responseDays: z.number().int(),
  }),
  contracts: z.array(ContractFulfilment),
});
export type TenderFulfilment = z.infer<typeof TenderFulfilment>;

/** GET /api/organisations/:id/track-record: a supplier's awarded SPOs only, never others. */
export const TrackRecord = FulfilmentSummary.extend({
  organisation: Ref,
  contracts: z.array(ContractFulfilment),
});
export type TrackRecord = z.infer<typeof TrackRecord>;

/** GET /api/organisations/:id/fulfilment: what a provider's activities were committed and received. */
export const ProviderFulfilment = FulfilmentSummary.extend({
  organisation: Ref,
});
export type ProviderFulfilment = z.infer<typeof ProviderFulfilment>;

/** GET /api/territories/:code/fulfilment: awarded lines on activities in the territory. */
export const TerritoryFulfilment = FulfilmentSummary.extend({
  territory: z.object({ code: z.string(), name: z.string() }),
});
export type TerritoryFulfilment = z.infer<typeof TerritoryFulfilment>;

/** Where an activity of the report is, for the printable page's map: [lon, lat]. */
export const ReportActivityPoint = z.object({
  id: z.string(),
  title: z.string(),
  territory: z.string(),
  at: z.tuple([z.number(), z.number()]),
});
export type ReportActivityPoint = z.infer<typeof ReportActivityPoint>;

/** GET /api/tenders/:id/report: the buyer's contract report (figures only, no personal data). */
export const ContractReport = TenderFulfilment.extend({
  generatedAt: Timestamp,
  /** Territory codes and names the contract's activities are in. */
  territories: z.array(z.object({ code: z.string(), name: z.string() })),
  activities: z.array(ReportActivityPoint),
});
export type ContractReport = z.infer<typeof ContractReport>;

/** GET /api/territories/:code/report: a buyer's territory report. */
export const TerritoryReport = TerritoryFulfilment.extend({
  generatedAt: Timestamp,
  /** Contracts with a line in the territory; their totals count only the lines here. */
  contracts: z.array(ContractFulfilment),
  activities: z.array(ReportActivityPoint),
});
export type TerritoryReport = z.infer<typeof TerritoryReport>;

/** The CSV reports' columns, in order: one row per line. */
export const FULFILMENT_CSV_COLUMNS = [
  'tender',
  'supplier',
  'activity',
  'provider',
  'territory',
  'kind',
  'unit',
  'committed',
  'due_to_date',
  'delivered_to_date',
  'ratio_to_date',
  'due_this_year',
  'delivered_this_year',
  'overdue',
  'disputed',
  'unverified',
] as const;
