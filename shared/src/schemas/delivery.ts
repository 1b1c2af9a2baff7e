import { z } from 'zod';
import { page, PageQuery, Timestamp } from './accounts';
import { IsoDate } from './activities';
import { LineKind } from './tenders';

// After the award: the contribution schedule of an awarded SPO, what its supplier reports
// delivered, and what each line's provider confirms.
//
// Routes (server/src/features/delivery):
//   GET   /api/spos/:id/delivery                      SpoDelivery (supplier, buyer, linked providers)
//   POST  /api/spos/:id/reports                        DeliveryReportInput -> DeliveryReportView (supplier; Idempotency-Key)
//   POST  /api/delivery-reports/:id/response           ReportResponseInput -> DeliveryReportView (the line's provider, once)
//   POST  /api/delivery-reports/:id/evidence           the file as the raw body, ?name= -> EvidenceFileView (supplier)
//   GET   /api/delivery-reports/:id/evidence/:fileId   the file (parties only)
//   GET   /api/delivery-reports                        ReportListQuery -> page(DeliveryReportView): the reports
//                                                      the signed-in person's organisations sent or must answer
//   PATCH /api/tenders/:id/delivery-settings           DeliverySettings -> DeliverySettings (the buyer)

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** The unit a line's amounts are in: pence (cash, in kind), hours (volunteering), a measure's. */
export const LineUnit = z.enum(['pence', 'hours', 'quantity']);
export type LineUnit = z.infer<typeof LineUnit>;

/** A positive amount in a line's unit, as text so that no decimal is lost: "125000", "12.5". */
export const Amount = z
  .string({ error: 'must be an amount such as 120 or 12.5' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be an amount such as 120 or 12.5')
  .refine((q) => /[1-9]/.test(q), 'must be more than 0');

/** The buyer's rules for a contract's delivery. */
export const DeliverySettings = z.strictObject({
  /** Days after a contribution falls due before an unmet one is overdue. */
  graceDays: z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365'),
  /** Days a provider has to answer a report before it reads as unverified. */
  responseDays: z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365'),
});
export type DeliverySettings = z.infer<typeof DeliverySettings>;

export const DeliveryReportInput = z.strictObject({
  /** A line of the awarded (sealed) version. */
  lineId: z.uuid({ error: 'is not a valid line id' }),
  /** The contract year, from 1; a year that has not started cannot be reported. */
  period: z.number().int().min(1, 'must be 1 or more').max(26),
  /** What was delivered, in the line's unit (pence for cash and in kind). */
  amount: Amount,
  evidenceNote: text(2000).default(''),
  evidenceLinks: z
    .array(z.url({ protocol: /^https?$/, error: 'must be a web address (https://…)' }).max(500))
    .max(10, 'at most 10 links')
    .default([]),
  /** The report this one corrects: same line and year, not already superseded. */
  supersedes: z.uuid({ error: 'is not a valid report id' }).optional(),
});
export type DeliveryReportInput = z.infer<typeof DeliveryReportInput>;

export const ReportDecision = z.enum(['confirmed', 'part_confirmed', 'disputed']);
export type ReportDecision = z.infer<typeof ReportDecision>;

/** The provider's answer: all of it arrived, part of it (how much), or it is disputed (why). */
export const ReportResponseInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('confirmed'), comment: text(2000).default('') }),
  z.strictObject({
    decision: z.literal('part_confirmed'),
    confirmedAmount: Amount,
    comment: text(2000).default(''),
  }),
  z.strictObject({
    decision: z.literal('disputed'),
    comment: text(2000).min(1, 'say what is disputed'),
  }),
]);
export type ReportResponseInput = z.infer<typeof ReportResponseInput>;

/**
 * Where a report stands. Only `confirmed` and `part_confirmed` count as delivered;
 * `unverified` is one left unanswered past its respond-by time (a late answer still counts).
 */
export const ReportStatuses = [
  'awaiting',
  'unverified',
  'confirmed',
  'part_confirmed',
  'disputed',
  'superseded',
] as const;
export const ReportStatus = z.enum(ReportStatuses);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const EvidenceFileView = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: Timestamp,
  /** The same file (by hash) is evidence on another SPO's report too. */
  reusedElsewhere: z.boolean(),
});
export type EvidenceFileView = z.infer<typeof EvidenceFileView>;

export const DeliveryReportView = z.object({
  id: z.string(),
  spoId: z.string(),
  tender: z.object({ id: z.string(), title: z.string() }),
  supplier: z.object({ id: z.string(), name: z.string() }),
  lineId: z.string(),
  activity: z.object({
    id: z.string(),
    title: z.string(),
    providerId: z.string(),
    providerName: z.string(),
  }),
  kind: LineKind,
  unit: LineUnit,
  /** The measure's unit for a TOMs line, else null. */
  unitLabel: z.string().nullable(),
  period: z.number().int(),
  amount: z.string(),
  evidenceNote: z.string(),
  evidenceLinks: z.array(z.string()),
  evidenceFiles: z.array(EvidenceFileView),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  reportedBy: z.string(),
  createdAt: Timestamp,
  respondBy: Timestamp,
  status: ReportStatus,
  confirmedAmount: z.string().nullable(),
  responseComment: z.string(),
  respondedAt: Timestamp.nullable(),
});
export type DeliveryReportView = z.infer<typeof DeliveryReportView>;

/** One contract year of one line: what fell due, what is confirmed, and where it stands. */
export const MilestoneState = z.enum(['upcoming', 'in_progress', 'due', 'met', 'overdue']);
export type MilestoneState = z.infer<typeof MilestoneState>;

export const MilestoneView = z.object({
  period: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  dueDate: IsoDate,
  /** Share of a whole year: less than 1 for a final part year. */
  fraction: z.number(),
  /** Due this year in the line's unit, pro rata for a part year. */
  due: z.string(),
  /** Confirmed by the provider (confirmed and part-confirmed reports not superseded). */
  delivered: z.string(),
  /** Reported but not (yet) confirmed: awaiting or unverified. */
  unconfirmed: z.string(),
  state: MilestoneState,
});
export type MilestoneView = z.infer<typeof MilestoneView>;

export const DeliveryLineView = z.object({
  lineId: z.string(),
  kind: LineKind,
  unit: LineUnit,
  unitLabel: z.string().nullable(),
  description: z.string().nullable(),
  measure: z.object({ code: z.string(), measure: z.string() }).nullable(),
  activity: z.object({
    id: z.string(),
    title: z.string(),
    territory: z.string(),
    providerId: z.string(),
    providerName: z.string(),
  }),
  annual: z.string(),
  milestones: z.array(MilestoneView),
});
export type DeliveryLineView = z.infer<typeof DeliveryLineView>;

/** An awarded SPO's delivery as one of its parties sees it (a provider: its own lines only). */
export const SpoDelivery = z.object({
  spoId: z.string(),
  tender: z.object({ id: z.string(), title: z.string(), buyerId: z.string() }),
  supplier: z.object({ id: z.string(), name: z.string() }),
  contractStart: IsoDate,
  contractEnd: IsoDate,
  settings: DeliverySettings,
  /** What the viewer may do: report (supplier), answer (provider), settings (buyer). */
  can: z.object({ report: z.boolean(), answer: z.boolean(), changeSettings: z.boolean() }),
  lines: z.array(DeliveryLineView),
  /** Every report, newest first, superseded ones included: the history stays. */
  reports: z.array(DeliveryReportView),
});
export type SpoDelivery = z.infer<typeof SpoDelivery>;

export const ReportListQuery = PageQuery.extend({
  /** `answer`: reports the person's provider organisations must answer; `sent`: their own. */
  role: z.enum(['answer', 'sent']).default('answer'),
  status: ReportStatus.optional(),
});

/** What evidence files may be: PDF, images, plain text and CSV, Word, Excel and ODF text. */
export const EvidenceMediaTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
] as const;

/** The largest evidence file: 5 MB (a larger body is answered 413). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** `?name=` of an evidence upload: the file's name as the supplier's computer had it. */
export const EvidenceUploadQuery = z.object({
  name: z
    .string({ error: 'give the file name as ?name=' })
    .trim()
    .min(1, 'give the file name as ?name=')
    .max(200, 'must be at most 200 characters'),
});

export const DeliveryReportPage = page(DeliveryReportView);
export type DeliveryReportPage = z.infer<typeof DeliveryReportPage>;
