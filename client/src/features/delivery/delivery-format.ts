import {
  DeliveryReportInput,
  EvidenceMediaTypes,
  MAX_EVIDENCE_BYTES,
  ReportResponseInput,
  type DeliveryReportView,
  type LineUnit,
  type MilestoneState,
  type ReportStatus,
} from '@shared/schemas/delivery';
import type { LineKind } from '@shared/schemas/tenders';
import { poundsToPence } from '@shared/money';
import { check, type FieldErrors } from '../../lib/form-errors';
import { formatGbpToPenny } from '../../lib/money-format';

/** A milestone's state as people read it. */
export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  upcoming: 'Not started',
  in_progress: 'In progress',
  due: 'Due',
  met: 'Met',
  overdue: 'Overdue',
};

const STATUS_LABELS: Record<Exclude<ReportStatus, 'part_confirmed'>, string> = {
  awaiting: 'Awaiting the provider',
  unverified: 'Unverified: not answered in time',
  confirmed: 'Confirmed',
  disputed: 'Disputed',
  superseded: 'Replaced by a correction',
};

/** What a line's amounts are in, for formatting. */
export interface AmountUnit {
  unit: LineUnit;
  /** The measure's unit for a TOMs line ("sessions"), else null. */
  unitLabel: string | null;
}

/** A decimal as written ("1250.5000"), with thousands grouped and trailing zeros dropped. */
export function formatDecimal(amount: string): string {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return trimmed ? `${grouped}.${trimmed}` : grouped;
}

/**
 * An amount in its line's unit for people: pence as £ (to the penny when there are pennies,
 * so that a shortfall is never rounded away), hours as hours, a measure's quantity with its unit.
 */
export function formatAmount(amount: string, { unit, unitLabel }: AmountUnit): string {
  switch (unit) {
    case 'pence':
      return formatGbpToPenny(Number(amount));
    case 'hours': {
      const hours = formatDecimal(amount);
      return `${hours} ${hours === '1' ? 'hour' : 'hours'}`;
    }
    case 'quantity':
      return unitLabel ? `${formatDecimal(amount)} ${unitLabel}` : formatDecimal(amount);
  }
}

/** Where a report stands, in words: "Part confirmed: £300 of £500". */
export function describeReportStatus(
  report: Pick<DeliveryReportView, 'status' | 'amount' | 'confirmedAmount' | 'unit' | 'unitLabel'>,
): string {
  if (report.status === 'part_confirmed') {
    const confirmed = formatAmount(report.confirmedAmount ?? '0', report);
    return `Part confirmed: ${confirmed} of ${formatAmount(report.amount, report)}`;
  }
  return STATUS_LABELS[report.status];
}

/** A file's size for people: "512 bytes", "12.3 KB", "4.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The label of the amount asked of a line of this kind (the form's and the answer's). */
export function amountLabel(kind: LineKind, unitLabel: string | null): string {
  switch (kind) {
    case 'cash':
      return 'Amount paid, in pounds';
    case 'in_kind':
      return 'Value given, in pounds';
    case 'volunteering':
      return 'Volunteer hours';
    case 'measure':
      return unitLabel ? `Quantity delivered, in ${unitLabel}` : 'Quantity delivered';
  }
}

/** The label of the amount a provider part confirms: what arrived. */
export function receivedLabel(kind: LineKind, unitLabel: string | null): string {
  switch (kind) {
    case 'cash':
      return 'Amount received, in pounds';
    case 'in_kind':
      return 'Value received, in pounds';
    case 'volunteering':
      return 'Volunteer hours received';
    case 'measure':
      return unitLabel ? `Quantity received, in ${unitLabel}` : 'Quantity received';
  }
}

/** How to type an amount in a line's unit. */
export function amountHint(unit: LineUnit): string {
  switch (unit) {
    case 'pence':
      return 'In pounds, such as 1250 or 1,250.50.';
    case 'hours':
      return 'Hours, such as 12 or 12.5.';
    case 'quantity':
      return 'A number, such as 12 or 12.5.';
  }
}

/**
 * A typed amount as the API wants it in the line's unit: pounds become whole pence (as text),
 * hours and quantities go as typed without thousands separators. A note when it is no amount.
 */
export function amountToSend(typed: string, unit: LineUnit): { amount: string; note?: string } {
  if (unit === 'pence') {
    if (typed.trim() === '') return { amount: '', note: 'Enter an amount in pounds, such as 1250' };
    const pence = poundsToPence(typed);
    if (pence === null)
      return { amount: typed, note: 'Enter an amount in pounds, such as 1250 or 1,250.50' };
    if (pence === 0) return { amount: '0', note: 'Enter an amount of more than £0' };
    return { amount: String(pence) };
  }
  return { amount: typed.replace(/[,\s]/g, '') };
}

/** What the supplier has typed into the report form. */
export interface ReportDraft {
  lineId: string;
  /** The contract year, as the select holds it ("1"), or "" before one is chosen. */
  period: string;
  amount: string;
  evidenceNote: string;
  /** One web address a line. */
  evidenceLinks: string;
  /** The report this one corrects. */
  supersedes?: string | undefined;
}

/** A form's messages gathered on their fields: `evidenceLinks.2` is the links' box. */
export function byField(errors: FieldErrors): FieldErrors {
  const folded: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path.split('.')[0] ?? path;
    folded[field] ??= message;
  }
  return folded;
}

/** The report to send when the draft is valid, and its messages keyed by field. */
export function checkReportDraft(
  draft: ReportDraft,
  unit: LineUnit,
): { data: DeliveryReportInput | undefined; errors: FieldErrors } {
  const { amount, note } = amountToSend(draft.amount, unit);
  const input = {
    lineId: draft.lineId,
    period: draft.period === '' ? undefined : Number(draft.period),
    amount,
    evidenceNote: draft.evidenceNote,
    evidenceLinks: draft.evidenceLinks
      .split('\n')
      .map((link) => link.trim())
      .filter((link) => link !== ''),
    ...(draft.supersedes ? { supersedes: draft.supersedes } : {}),
  };
  const parsed = check(DeliveryReportInput, input);
  const errors = byField({ ...parsed.errors, ...(note ? { amount: note } : {}) });
  if (draft.lineId === '') errors.lineId = 'Choose the line you are reporting on';
  if (draft.period === '') errors.period = 'Choose the contract year';
  return { data: Object.keys(errors).length === 0 ? parsed.data : undefined, errors };
}

/** The provider's answer when valid, and its messages keyed by field. */
export function checkAnswer(
  decision: ReportResponseInput['decision'],
  typed: { amount: string; comment: string },
  unit: LineUnit,
): { data: ReportResponseInput | undefined; errors: FieldErrors } {
  if (decision !== 'part_confirmed') {
    // The schema's ending ("say what is disputed") reads as a sentence of its own here.
    if (decision === 'disputed' && typed.comment.trim() === '')
      return { data: undefined, errors: { comment: 'Say what is disputed' } };
    return check(ReportResponseInput, { decision, comment: typed.comment });
  }
  const { amount, note } = amountToSend(typed.amount, unit);
  const parsed = check(ReportResponseInput, {
    decision,
    confirmedAmount: amount,
    comment: typed.comment,
  });
  const errors = { ...parsed.errors, ...(note ? { confirmedAmount: note } : {}) };
  return { data: Object.keys(errors).length === 0 ? parsed.data : undefined, errors };
}

/** A report in a sentence, for headings and status messages: "£500 for year 1 of Food bank". */
export function describeReport(
  report: Pick<DeliveryReportView, 'amount' | 'unit' | 'unitLabel' | 'period' | 'activity'>,
): string {
  return `${formatAmount(report.amount, report)} for year ${report.period} of ${report.activity.title}`;
}

/** The file types an evidence upload takes, for a file input's `accept`. */
export const EVIDENCE_ACCEPT = EvidenceMediaTypes.join(',');

/**
 * What is wrong with evidence files before they are sent (a type the server refuses, or one
 * too large), so that a supplier hears it before the report goes rather than after.
 */
export function evidenceFileProblem(
  files: readonly { name: string; type: string; size: number }[],
): string | undefined {
  const accepted = new Set<string>(EvidenceMediaTypes);
  const megabytes = MAX_EVIDENCE_BYTES / (1024 * 1024);
  for (const file of files) {
    if (!accepted.has(file.type))
      return `${file.name} is not a type of file we take: choose a PDF, PNG, JPEG, WebP, plain text, CSV, Word, Excel or ODF text file`;
    if (file.size > MAX_EVIDENCE_BYTES) return `${file.name} is larger than ${megabytes} MB`;
  }
  return undefined;
}
