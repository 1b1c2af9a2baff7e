import type {
  LinkRequestCounts,
  LinkRequestView,
  MySpoSummary,
  SpoFigures,
  SpoLineView,
  SpoView,
} from '@shared/schemas/tenders';
import type { ActivitySupporter } from '@shared/schemas/activities';
import type { SposRepo, LineRow, SpoRow } from './spos.repo';

type LinkRequestRow = Awaited<ReturnType<SposRepo['linkRequests']>>[number];
type LinkRequestCountRow = Awaited<ReturnType<SposRepo['linkRequestCounts']>>[number];
type SupplierSpoRow = Awaited<ReturnType<SposRepo['ofSuppliers']>>['rows'][number];
type SupporterRow = Awaited<ReturnType<SposRepo['supporters']>>[number];

/** An SPO's lines and figures: live for its supplier, or as sealed at a submission. */
export interface Sealed {
  lines: SpoLineView[];
  figures: SpoFigures;
}

/**
 * A sealed version's lines and figures, as stored when it was sealed. Versions sealed before
 * a field existed lack it: `capacityExceeded` (added later) reads as false, the flag being
 * about the capacity left at the time, which such a version never recorded.
 */
export function readSealed(content: string): Sealed {
  const stored = JSON.parse(content) as {
    lines: (Omit<SpoLineView, 'capacityExceeded'> & { capacityExceeded?: boolean })[];
    figures: SpoFigures;
  };
  return {
    figures: stored.figures,
    lines: stored.lines.map((line) => ({
      ...line,
      capacityExceeded: line.capacityExceeded ?? false,
    })),
  };
}

/** One live line as its supplier, the buyer or its provider sees it. */
export function presentLine(
  r: LineRow,
  worked: { annualProxyPence: number; capacityExceeded: boolean },
): SpoLineView {
  return {
    id: r.id,
    activity: {
      id: r.activity_id,
      title: r.activity_title,
      territory: r.territory_code,
      status: r.activity_status,
      providerId: r.provider_id,
      providerName: r.provider_name,
    },
    kind: r.kind,
    annualPence: r.annual_pence === null ? null : Number(r.annual_pence),
    description: r.description,
    annualHours: r.annual_hours,
    measure:
      r.kind === 'measure' && r.measure_code
        ? {
            framework: r.framework_id!,
            code: r.measure_code,
            measure: r.measure ?? '',
            unit: r.unit ?? '',
            proxyValueGbp: r.proxy_value_gbp ?? '0',
          }
        : null,
    annualQuantity: r.annual_quantity,
    annualProxyPence: worked.annualProxyPence,
    status: r.status,
    providerNote: r.provider_note,
    capacityExceeded: worked.capacityExceeded,
  };
}

/**
 * An SPO as this viewer may see it: `body` is what the viewer's access allows (the sealed
 * version, the live lines, or a provider's own lines), `seesMark` whether the buyer's
 * credibility mark is theirs to see.
 */
export function presentSpo(
  spo: SpoRow,
  shown: {
    status: SpoView['status'];
    seal: { version: number; submittedAt: string; hash: string } | undefined;
    seesMark: boolean;
    body: Sealed;
    score?: number | null;
    flags?: string[];
  },
): SpoView {
  const { seal, seesMark, body } = shown;
  return {
    id: spo.id,
    tenderId: spo.tender_id,
    supplier: { id: spo.supplier_id, name: spo.supplier_name, verified: spo.supplier_verified },
    status: shown.status,
    version: seal?.version ?? 0,
    submittedAt: seal?.submittedAt ?? null,
    contentHash: seal?.hash ?? null,
    credible: seesMark ? spo.credible : true,
    credibilityReason: seesMark ? spo.credibility_reason : '',
    flags: shown.flags ?? [],
    lines: body.lines,
    figures: body.figures,
    score: shown.score ?? null,
    awardedAt: spo.awarded_at ? new Date(spo.awarded_at).toISOString() : null,
    contractStart: spo.contract_start,
    contractEnd: spo.contract_end,
  };
}

/** A line waiting for (or answered by) a provider, in its inbox. */
export function presentLinkRequest(r: LinkRequestRow, capacityExceeded: boolean): LinkRequestView {
  return {
    capacityExceeded,
    lineId: r.line_id,
    spoId: r.spo_id,
    tender: {
      id: r.tender_id,
      title: r.tender_title,
      ocid: r.ocid,
      closesAt: new Date(r.closes_at).toISOString(),
    },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    activity: { id: r.activity_id, title: r.activity_title },
    kind: r.kind,
    annualPence: r.annual_pence === null ? null : Number(r.annual_pence),
    annualHours: r.annual_hours,
    annualQuantity: r.annual_quantity,
    measure: r.measure_code,
    description: r.description,
    status: r.status,
    providerNote: r.provider_note,
  };
}

/** An awarded SPO that supports an activity, on the activity's public page. */
export function presentSupporter(r: SupporterRow): ActivitySupporter {
  return {
    spoId: r.spo_id,
    tenderId: r.tender_id,
    tenderTitle: r.tender_title,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    awardedAt: r.awarded_at ? new Date(r.awarded_at).toISOString() : null,
    annualPence: Number(r.annual_pence),
  };
}

/** One of the person's own SPOs, for their home page. */
export function presentMySpo(r: SupplierSpoRow): MySpoSummary {
  return {
    id: r.id,
    status: r.status,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    tender: {
      id: r.tender_id,
      title: r.tender_title,
      reference: r.tender_reference,
      status: r.tender_status,
      closesAt: new Date(r.closes_at).toISOString(),
      buyer: { id: r.buyer_id, name: r.buyer_name },
    },
    lines: {
      total: r.lines_total,
      pending: r.lines_pending,
      accepted: r.lines_accepted,
      declined: r.lines_declined,
    },
    sealedVersion: r.submitted_version ?? 0,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** One provider organisation's link-up requests, counted. */
export function presentLinkRequestCount(
  r: LinkRequestCountRow,
): LinkRequestCounts['items'][number] {
  return {
    provider: { id: r.id, name: r.name },
    waiting: r.waiting,
    accepted: r.accepted,
    declined: r.declined,
    nextClosesAt: r.next_closes_at ? new Date(r.next_closes_at).toISOString() : null,
  };
}
