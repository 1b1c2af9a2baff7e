import Big from 'big.js';
import type {
  DeliveryLineView,
  DeliveryReportView,
  EvidenceFileView,
  LineUnit,
  MilestoneView,
} from '@shared/schemas/delivery';
import type { SpoLineView } from '@shared/schemas/tenders';
import type { EvidenceRow, ReportRow } from './delivery.repo';

/** The unit a line's amounts are counted in. */
export function unitOf(kind: SpoLineView['kind']): LineUnit {
  if (kind === 'volunteering') return 'hours';
  if (kind === 'measure') return 'quantity';
  return 'pence';
}

/** A line's annual commitment in its own unit, as exact decimal text. */
export function annualOf(line: SpoLineView): string {
  if (line.kind === 'volunteering') return String(line.annualHours ?? 0);
  if (line.kind === 'measure') return decimal(line.annualQuantity ?? '0');
  return String(line.annualPence ?? 0);
}

/** A number or numeric text as plain decimal text without trailing zeros: "12.5", "125000". */
export function decimal(value: string | number | Big): string {
  return new Big(value).toFixed();
}

export function presentEvidence(r: EvidenceRow): EvidenceFileView {
  return {
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    reusedElsewhere: r.reused_elsewhere,
  };
}

/**
 * One report as a party sees it; `line` is its line in the sealed version awarded (for the
 * activity and the unit as committed).
 */
export function presentReport(
  r: ReportRow,
  line: SpoLineView | undefined,
  files: EvidenceFileView[],
): DeliveryReportView {
  return {
    id: r.id,
    spoId: r.spo_id,
    tender: { id: r.tender_id, title: r.tender_title },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    lineId: r.line_id,
    activity: {
      id: line?.activity.id ?? '',
      title: line?.activity.title ?? '',
      providerId: line?.activity.providerId ?? r.provider_id,
      providerName: line?.activity.providerName ?? '',
    },
    kind: r.kind,
    unit: unitOf(r.kind),
    unitLabel: line?.measure?.unit ?? null,
    period: r.period,
    amount: decimal(r.amount),
    evidenceNote: r.evidence_note,
    evidenceLinks: r.evidence_links,
    evidenceFiles: files,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id,
    reportedBy: r.reported_by,
    createdAt: new Date(r.created_at).toISOString(),
    respondBy: new Date(r.respond_by).toISOString(),
    status: r.status,
    confirmedAmount: r.confirmed_amount === null ? null : decimal(r.confirmed_amount),
    responseComment: r.response_comment,
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
  };
}

/** One sealed line with its milestones, as the delivery page shows it. */
export function presentDeliveryLine(
  line: SpoLineView,
  milestones: MilestoneView[],
): DeliveryLineView {
  return {
    lineId: line.id,
    kind: line.kind,
    unit: unitOf(line.kind),
    unitLabel: line.measure?.unit ?? null,
    description: line.description,
    measure: line.measure ? { code: line.measure.code, measure: line.measure.measure } : null,
    activity: {
      id: line.activity.id,
      title: line.activity.title,
      territory: line.activity.territory,
      providerId: line.activity.providerId,
      providerName: line.activity.providerName,
    },
    annual: annualOf(line),
    milestones,
  };
}
