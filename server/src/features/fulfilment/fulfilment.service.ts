import type { LineUnit } from '@shared/contributions';
import type {
  ContractFulfilment,
  ContractReport,
  FulfilmentLine,
  FulfilmentReportItem,
  FulfilmentSummary,
  FulfilmentTotals,
  MeasureFulfilment,
  OverdueMilestone,
  ProviderFulfilment,
  ReportActivityPoint,
  TenderFulfilment,
  TerritoryFulfilment,
  TerritoryReport,
  TrackRecord,
} from '@shared/schemas/fulfilment';
import type { LineKind } from '@shared/schemas/tenders';
import type { ServiceDeps } from '../../composition';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { authorize, requirePerson } from '../../lib/policy';
import type { TendersService } from '../tenders/tenders.service';
import {
  lineFulfilment,
  proxyPence,
  sumCounts,
  sumFigures,
  type LineFulfilment,
  type ReportFact,
} from './fulfilment.compute';
import { mayReadContractReport, mayReadTerritoryReport } from './fulfilment.policy';
import type { AwardedScope, AwardedSpoRow, LinePlace, ReportRow } from './fulfilment.repo';

/** A line as its sealed version stores it (the fields fulfilment reads). */
interface SealedLine {
  id: string;
  activity: {
    id: string;
    title: string;
    territory: string;
    providerId: string;
    providerName: string;
  };
  kind: LineKind;
  annualPence: number | null;
  description: string | null;
  annualHours: number | null;
  measure: { code: string; measure: string; unit: string } | null;
  annualQuantity: string | null;
  annualProxyPence?: number;
}

/** One awarded line with its fulfilment worked out, and what the lists need. */
interface BuiltLine {
  view: FulfilmentLine;
  worked: LineFulfilment;
  place: LinePlace | undefined;
  contract: AwardedSpoRow;
}

const UNIT_OF: Record<LineKind, LineUnit> = {
  cash: 'pence',
  in_kind: 'pence',
  volunteering: 'hours',
  measure: 'quantity',
};

function annualOf(line: SealedLine): number {
  if (line.kind === 'volunteering') return line.annualHours ?? 0;
  if (line.kind === 'measure') return Number(line.annualQuantity ?? 0);
  return line.annualPence ?? 0;
}

function unitLabelOf(line: SealedLine): string {
  if (line.kind === 'measure') return line.measure?.unit || 'quantity';
  return UNIT_OF[line.kind];
}

function toFact(r: ReportRow): ReportFact {
  return {
    id: r.id,
    lineId: r.line_id,
    period: r.period,
    amount: Number(r.amount),
    response: r.response,
    confirmedAmount: r.confirmed_amount === null ? null : Number(r.confirmed_amount),
    superseded: r.superseded,
    createdAt: new Date(r.created_at),
    respondBy: new Date(r.respond_by),
    respondedAt: r.responded_at ? new Date(r.responded_at) : null,
  };
}

/** The figures of lines added up by kind: never across units. */
export function totalsOf(lines: FulfilmentLine[]): FulfilmentTotals {
  const of = (kind: LineKind) => lines.filter((l) => l.kind === kind).map((l) => l.figures);
  const byMeasure = new Map<string, FulfilmentLine[]>();
  for (const l of lines) {
    if (l.kind !== 'measure' || !l.measure) continue;
    const key = `${l.measure.code}\u0000${l.unitLabel}`;
    byMeasure.set(key, [...(byMeasure.get(key) ?? []), l]);
  }
  const measures: MeasureFulfilment[] = [...byMeasure.values()]
    .map((group) => {
      const first = group[0]!;
      const proxy = (pick: 'committed' | 'dueToDate' | 'deliveredToDate') =>
        group.reduce((sum, l) => sum + (l.estimatedProxyPence?.[pick] ?? 0), 0);
      return {
        code: first.measure!.code,
        measure: first.measure!.measure,
        unit: first.unitLabel,
        figures: sumFigures(
          group.map((l) => l.figures),
          'quantity',
        ),
        estimatedProxyPence: {
          committed: proxy('committed'),
          dueToDate: proxy('dueToDate'),
          deliveredToDate: proxy('deliveredToDate'),
        },
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    cash: sumFigures(of('cash'), 'pence'),
    inKind: sumFigures(of('in_kind'), 'pence'),
    volunteeringHours: sumFigures(of('volunteering'), 'hours'),
    measures,
  };
}

/**
 * Fulfilment of awarded SPOs (public: awarded SPOs are public) and the buyers' reports.
 * `clock` gives the time the figures are worked out for.
 */
export function createFulfilmentService(
  { repos }: ServiceDeps,
  tenders: Pick<TendersService, 'visible'>,
  clock: () => Date = () => new Date(),
) {
  const repo = repos.fulfilment;

  /** The awarded lines in scope (a provider's or territory's only), worked out. */
  async function build(
    scope: AwardedScope,
    now: Date,
  ): Promise<{ lines: BuiltLine[]; contracts: AwardedSpoRow[] }> {
    const today = now.toISOString().slice(0, 10);
    const spos = await repo.awardedSpos(scope);
    const reports = (await repo.reports(spos.map((s) => s.spo_id))).map(toFact);
    const byLine = new Map<string, ReportFact[]>();
    for (const r of reports) byLine.set(r.lineId, [...(byLine.get(r.lineId) ?? []), r]);
    const lines: BuiltLine[] = [];
    for (const spo of spos) {
      const sealed = (JSON.parse(spo.content) as { lines: SealedLine[] }).lines;
      sealed.forEach((line, index) => {
        const place = spo.places.find((p) => p.n === index + 1);
        const territory = place?.territory ?? line.activity.territory;
        const providerId = place?.providerId ?? line.activity.providerId;
        if ('provider' in scope && providerId !== scope.provider) return;
        if ('territory' in scope && territory !== scope.territory) return;
        const unit = UNIT_OF[line.kind];
        const annual = annualOf(line);
        const worked = lineFulfilment(
          { annual, unit, contractStart: spo.contract_start, contractEnd: spo.contract_end },
          byLine.get(line.id) ?? [],
          today,
          spo.grace_days,
          now,
        );
        const proxied =
          (line.kind === 'measure' || line.kind === 'volunteering') &&
          (line.annualProxyPence ?? 0) > 0;
        const estimate = (amount: number) => proxyPence(amount, annual, line.annualProxyPence ?? 0);
        lines.push({
          worked,
          place,
          contract: spo,
          view: {
            lineId: line.id,
            spoId: spo.spo_id,
            tender: { id: spo.tender_id, title: spo.tender_title },
            buyer: { id: spo.buyer_id, name: spo.buyer_name },
            supplier: { id: spo.supplier_id, name: spo.supplier_name },
            activity: {
              id: line.activity.id,
              title: line.activity.title,
              territory,
              providerId,
              providerName: line.activity.providerName,
            },
            kind: line.kind,
            unit,
            unitLabel: unitLabelOf(line),
            description: line.description ?? null,
            measure: line.measure
              ? { code: line.measure.code, measure: line.measure.measure }
              : null,
            annual,
            figures: worked.figures,
            estimatedProxyPence: proxied
              ? {
                  committed: estimate(worked.figures.committed),
                  dueToDate: estimate(worked.figures.dueToDate),
                  deliveredToDate: estimate(worked.figures.deliveredToDate),
                }
              : null,
            counts: worked.counts,
          },
        });
      });
    }
    const inScope = new Set(lines.map((l) => l.view.spoId));
    return { lines, contracts: spos.filter((s) => inScope.has(s.spo_id)) };
  }

  function summary(lines: BuiltLine[], now: Date): FulfilmentSummary {
    const views = lines.map((l) => l.view);
    const where = (l: BuiltLine) => ({
      spoId: l.view.spoId,
      lineId: l.view.lineId,
      tender: l.view.tender,
      supplier: l.view.supplier,
      activity: {
        id: l.view.activity.id,
        title: l.view.activity.title,
        providerName: l.view.activity.providerName,
      },
      kind: l.view.kind,
      unit: l.view.unit,
      unitLabel: l.view.unitLabel,
    });
    const overdue: OverdueMilestone[] = lines.flatMap((l) =>
      l.worked.milestones
        .filter((m) => m.overdue)
        .map((m) => ({
          ...where(l),
          period: m.period,
          dueDate: m.dueDate,
          overdueAfter: m.overdueAfter,
          due: m.due,
          delivered: m.delivered,
        })),
    );
    // The provider's comment is never listed: figures only.
    const item =
      (status: 'disputed' | 'unverified', l: BuiltLine) =>
      (r: ReportFact): FulfilmentReportItem => ({
        ...where(l),
        reportId: r.id,
        period: r.period,
        amount: r.amount,
        status,
        createdAt: r.createdAt.toISOString(),
        respondBy: r.respondBy.toISOString(),
        respondedAt: r.respondedAt?.toISOString() ?? null,
      });
    return {
      asOf: now.toISOString().slice(0, 10),
      year: now.getUTCFullYear(),
      lines: views,
      totals: totalsOf(views),
      counts: sumCounts(views.map((v) => v.counts)),
      overdue,
      disputed: lines.flatMap((l) => l.worked.disputed.map(item('disputed', l))),
      unverified: lines.flatMap((l) => l.worked.unverified.map(item('unverified', l))),
    };
  }

  async function load(scope: AwardedScope) {
    const now = clock();
    return { now, ...(await build(scope, now)) };
  }

  function contractsOf(contracts: AwardedSpoRow[], lines: BuiltLine[]): ContractFulfilment[] {
    return contracts.map((c) => {
      const own = lines.filter((l) => l.view.spoId === c.spo_id).map((l) => l.view);
      return {
        spoId: c.spo_id,
        tender: { id: c.tender_id, title: c.tender_title },
        buyer: { id: c.buyer_id, name: c.buyer_name },
        supplier: { id: c.supplier_id, name: c.supplier_name },
        awardedAt: c.awarded_at ? new Date(c.awarded_at).toISOString() : null,
        contractStart: c.contract_start,
        contractEnd: c.contract_end,
        totals: totalsOf(own),
        counts: sumCounts(own.map((l) => l.counts)),
      };
    });
  }

  function pointsOf(lines: BuiltLine[]): ReportActivityPoint[] {
    const seen = new Map<string, ReportActivityPoint>();
    for (const l of lines) {
      if (!l.place || seen.has(l.place.activityId)) continue;
      seen.set(l.place.activityId, {
        id: l.place.activityId,
        title: l.view.activity.title,
        territory: l.place.territory,
        at: [Number(l.place.lon), Number(l.place.lat)],
      });
    }
    return [...seen.values()];
  }

  /** An awarded tender this actor may see, or 404 (not visible) / 409 (not awarded). */
  async function awardedTender(actor: Actor, id: string, check?: (buyerId: string) => void) {
    const tender = await tenders.visible(actor, id);
    check?.(tender.buyer_id);
    if (tender.status !== 'awarded')
      throw new AppError('tender_not_awarded', 409, 'This tender has not been awarded');
    const settings = await repo.tenderSettings(tender.id);
    return {
      id: tender.id,
      title: tender.title,
      buyer: { id: tender.buyer_id, name: settings.buyer_name },
      graceDays: settings.grace_days,
      responseDays: settings.response_days,
    };
  }

  async function organisation(id: string) {
    const org = await repo.organisation(id);
    if (!org) throw new AppError('organisation_not_found', 404, 'No organisation has this id');
    return { id: org.id, name: org.name };
  }

  async function territory(code: string) {
    const row = await repo.territory(code);
    if (!row) throw new AppError('territory_not_found', 404, 'No territory has this code');
    return row;
  }

  /** The scope's lines worked out as of now, handed to `make` for the answer's shape. */
  async function withLines<T>(
    scope: AwardedScope,
    make: (loaded: Awaited<ReturnType<typeof load>>) => T | Promise<T>,
  ): Promise<T> {
    return make(await load(scope));
  }

  async function tenderFulfilment(tender: TenderFulfilment['tender']): Promise<TenderFulfilment> {
    return withLines({ tender: tender.id }, ({ now, lines, contracts }) => ({
      ...summary(lines, now),
      tender,
      contracts: contractsOf(contracts, lines),
    }));
  }

  async function territoryFulfilment(
    code: string,
  ): Promise<TerritoryFulfilment & { built: BuiltLine[]; contracts: ContractFulfilment[] }> {
    const where = await territory(code);
    return withLines({ territory: where.code }, ({ now, lines, contracts }) => ({
      ...summary(lines, now),
      territory: where,
      built: lines,
      contracts: contractsOf(contracts, lines),
    }));
  }

  return {
    /** An awarded tender's contract fulfilment: public, as awarded SPOs are. */
    async tender(actor: Actor, id: string): Promise<TenderFulfilment> {
      return tenderFulfilment(await awardedTender(actor, id));
    },

    /** A supplier's public track record: its awarded SPOs only, never others. */
    async trackRecord(id: string): Promise<TrackRecord> {
      const org = await organisation(id);
      return withLines({ supplier: id }, ({ now, lines, contracts }) => ({
        ...summary(lines, now),
        organisation: org,
        contracts: contractsOf(contracts, lines),
      }));
    },

    /** What a provider's activities were committed on awarded SPOs and received. */
    async provider(id: string): Promise<ProviderFulfilment> {
      const org = await organisation(id);
      return withLines({ provider: id }, ({ now, lines }) => ({
        ...summary(lines, now),
        organisation: org,
      }));
    },

    /** The awarded lines on activities in a territory. */
    async territory(code: string): Promise<TerritoryFulfilment> {
      const { built: _built, contracts: _contracts, ...answer } = await territoryFulfilment(code);
      return answer;
    },

    /** The buyer's contract report: its members and admins only. */
    async contractReport(actor: Actor, id: string): Promise<ContractReport> {
      const tender = await awardedTender(actor, id, (buyerId) =>
        authorize(actor, mayReadContractReport(actor, buyerId), 'see this contract report'),
      );
      return withLines({ tender: tender.id }, async ({ now, lines, contracts }) => {
        const codes = [...new Set(lines.map((l) => l.view.activity.territory))];
        return {
          ...summary(lines, now),
          tender,
          contracts: contractsOf(contracts, lines),
          generatedAt: now.toISOString(),
          territories: await repo.territoryNames(codes),
          activities: pointsOf(lines),
        };
      });
    },

    /** A territory report: members of any buyer organisation, and admins. */
    async territoryReport(actor: Actor, code: string): Promise<TerritoryReport> {
      const person = requirePerson(actor);
      const isBuyer = await repo.anyBuyer([...person.memberships.keys()]);
      authorize(actor, mayReadTerritoryReport(actor, isBuyer), 'see territory reports');
      const { built, ...answer } = await territoryFulfilment(code);
      return { ...answer, generatedAt: clock().toISOString(), activities: pointsOf(built) };
    },
  };
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;
