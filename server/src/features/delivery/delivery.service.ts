import { createHash } from 'node:crypto';
import Big from 'big.js';
import {
  contractPeriods,
  isOverdue,
  lineSchedule,
  UNIT_DECIMALS,
  type ScheduledContribution,
} from '@shared/contributions';
import type {
  DeliveryReportInput,
  DeliveryReportPage,
  DeliveryReportView,
  DeliverySettings,
  EvidenceFileView,
  LineUnit,
  MilestoneState,
  MilestoneView,
  ReportResponseInput,
  ReportStatus,
  SpoDelivery,
} from '@shared/schemas/delivery';
import type { SpoLineView } from '@shared/schemas/tenders';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor, PersonActor, RequestContext } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { DomainEvents } from '../../lib/domain-events';
import { authorize, requirePerson } from '../../lib/policy';
import { auditEntry } from '../audit/audit.service';
import type { Notifier } from '../notifications/notifications.service';
import { readSealed } from '../spos/spos.presenter';
import type { TendersService } from '../tenders/tenders.service';
import {
  deliveryAccess,
  isLineProvider,
  isSupplier,
  maySeeReport,
  maySetDelivery,
  type DeliveryAccess,
} from './delivery.policy';
import {
  annualOf,
  decimal,
  presentDeliveryLine,
  presentEvidence,
  presentReport,
  unitOf,
} from './delivery.presenter';
import type { DeliverySpoRow, ReportRow } from './delivery.repo';

const DAY_MS = 86_400_000;

const spoNotFound = () => new AppError('spo_not_found', 404, 'No SPO has this id');
const reportNotFound = () =>
  new AppError('report_not_found', 404, 'No delivery report has this id');
const superseded = () =>
  new AppError(
    'report_superseded',
    409,
    'A correction has superseded this report: answer or correct the latest one',
  );
const answered = () =>
  new AppError(
    'report_already_answered',
    409,
    'This report has been answered already: the provider answers once',
  );

/** Reports that count: not superseded. Of those, confirmed in full or in part. */
const COUNTED: readonly ReportStatus[] = ['confirmed', 'part_confirmed'];
const UNCONFIRMED: readonly ReportStatus[] = ['awaiting', 'unverified'];

/** An awarded SPO as one request loaded it for one actor. */
export interface LoadedDelivery {
  spo: DeliverySpoRow & { contract_start: string; contract_end: string };
  lines: SpoLineView[];
  access: Exclude<DeliveryAccess, 'none'>;
}

export interface DeliveryOptions {
  notifier?: Notifier;
  tenders: TendersService;
  /** The clock reports age by (respond-by, unverified) and milestones fall due by. */
  now?: () => Date;
}

/** An amount in a unit's places, or a 400 naming `path`. */
function checkPlaces(amount: string, unit: LineUnit, path: string) {
  const places = UNIT_DECIMALS[unit];
  const [, fraction = ''] = amount.split('.');
  if (fraction.replace(/0+$/, '').length > places) {
    const what = {
      pence: 'whole pence',
      hours: 'hundredths of an hour',
      quantity: 'at most 4 decimal places',
    }[unit];
    throw new AppError('validation_failed', 400, `The amount must be in ${what}`, [
      { path, message: `must be in ${what}` },
    ]);
  }
}

/**
 * Where one contract year of one line stands on `today`: not started, under way, met (what
 * is confirmed covers what is due), due (within the buyer's grace days) or overdue.
 */
function milestoneState(
  p: ScheduledContribution,
  today: string,
  graceDays: number,
  delivered: Big,
): MilestoneState {
  if (today < p.start) return 'upcoming';
  if (delivered.gte(p.amount)) return 'met';
  if (today < p.dueDate) return 'in_progress';
  return isOverdue(p.dueDate, graceDays, today, p.amount, delivered.toNumber()) ? 'overdue' : 'due';
}

/**
 * After the award: the contribution schedule of an awarded SPO, the supplier's delivery
 * reports and corrections, the provider's one answer to each, and the evidence files.
 */
export function createDeliveryService(
  { repos, uow }: ServiceDeps,
  events: DomainEvents,
  { notifier, tenders, now = () => new Date() }: DeliveryOptions,
) {
  const repo = repos.delivery;
  const today = () => now().toISOString().slice(0, 10);
  /** After a commit that told someone: publish and send now rather than at the next tick. */
  const announce = () => {
    events.emit('outbox.written');
    events.emit('mail.written');
  };

  const sealedLines = (content: string | null) => (content ? readSealed(content).lines : []);

  /** The report views of these rows, each with its sealed line and evidence files. */
  async function views(rows: ReportRow[]): Promise<DeliveryReportView[]> {
    const contents = await repo.sealedContents([...new Set(rows.map((r) => r.spo_id))]);
    const lines = new Map(
      [...contents.values()].flatMap((c) => sealedLines(c).map((l) => [l.id, l] as const)),
    );
    const files = new Map<string, EvidenceFileView[]>();
    for (const f of await repo.evidenceOf(rows.map((r) => r.id)))
      files.set(f.report_id, [...(files.get(f.report_id) ?? []), presentEvidence(f)]);
    return rows.map((r) => presentReport(r, lines.get(r.line_id), files.get(r.id) ?? []));
  }

  async function reportView(id: string): Promise<DeliveryReportView> {
    const row = await repo.report(id, now());
    if (!row) throw reportNotFound();
    return (await views([row]))[0]!;
  }

  /** A report this actor may see, or 404 as if it did not exist. */
  async function visibleReport(actor: Actor, id: string): Promise<ReportRow> {
    const row = await repo.report(id, now());
    if (
      !row ||
      !maySeeReport(actor, { supplierId: row.supplier_id, buyerId: row.buyer_id }, row.provider_id)
    )
      throw reportNotFound();
    return row;
  }

  function milestones(
    line: SpoLineView,
    spo: LoadedDelivery['spo'],
    reports: ReportRow[],
  ): MilestoneView[] {
    const unit = unitOf(line.kind);
    const schedule = lineSchedule(
      Number(annualOf(line)),
      unit,
      spo.contract_start,
      spo.contract_end,
    );
    return schedule.map((p) => {
      const ofPeriod = reports.filter((r) => r.line_id === line.id && r.period === p.period);
      const sum = (statuses: readonly ReportStatus[], pick: (r: ReportRow) => string | null) =>
        ofPeriod
          .filter((r) => statuses.includes(r.status))
          .reduce((s, r) => s.plus(pick(r) ?? '0'), new Big(0));
      const delivered = sum(COUNTED, (r) => r.confirmed_amount);
      return {
        period: p.period,
        start: p.start,
        end: p.end,
        dueDate: p.dueDate,
        fraction: p.fraction,
        due: decimal(p.amount),
        delivered: decimal(delivered),
        unconfirmed: decimal(sum(UNCONFIRMED, (r) => r.amount)),
        state: milestoneState(p, today(), spo.delivery_grace_days, delivered),
      };
    });
  }

  async function audit(
    ctx: RequestContext,
    tx: Repos,
    entry: { action: string; objectId: string; organisationId: string },
    summary: Record<string, unknown>,
  ) {
    await tx.audit.record(auditEntry(ctx, { ...entry, objectType: 'delivery_report', summary }));
  }

  return {
    /**
     * Loads an awarded SPO and what this actor may see of its delivery, once per request:
     * 404 for those who may see none of it, 409 for its supplier while it is not awarded.
     */
    async load(actor: Actor, spoId: string): Promise<LoadedDelivery> {
      const spo = await repo.spo(spoId);
      if (!spo) throw spoNotFound();
      const parties = { supplierId: spo.supplier_id, buyerId: spo.buyer_id };
      if (spo.status !== 'awarded' || !spo.contract_start || !spo.contract_end) {
        if (isSupplier(actor, parties))
          throw new AppError(
            'spo_not_awarded',
            409,
            'Delivery is reported only once the SPO has been awarded',
          );
        throw spoNotFound();
      }
      const lines = sealedLines(spo.content);
      const access = deliveryAccess(
        actor,
        parties,
        lines.map((l) => l.activity.providerId),
      );
      if (access === 'none') throw spoNotFound();
      return {
        spo: { ...spo, contract_start: spo.contract_start, contract_end: spo.contract_end },
        lines,
        access,
      };
    },

    /** Refuses all but the supplier's members (before an Idempotency-Key is looked at). */
    requireSupplier(actor: Actor, loaded: LoadedDelivery): void {
      if (!isSupplier(actor, { supplierId: loaded.spo.supplier_id, buyerId: loaded.spo.buyer_id }))
        throw new AppError('forbidden', 403, 'Only the supplier reports its delivery');
    },

    /** The SPO's milestones and reports as this actor may see them. */
    async get(actor: Actor, loaded: LoadedDelivery): Promise<SpoDelivery> {
      const { spo, access } = loaded;
      const parties = { supplierId: spo.supplier_id, buyerId: spo.buyer_id };
      const lines =
        access === 'all'
          ? loaded.lines
          : loaded.lines.filter((l) => isLineProvider(actor, l.activity.providerId));
      const shown = new Set(lines.map((l) => l.id));
      const rows = (await repo.reportsOfSpo(spo.id, now())).filter((r) => shown.has(r.line_id));
      return {
        spoId: spo.id,
        tender: { id: spo.tender_id, title: spo.tender_title, buyerId: spo.buyer_id },
        supplier: { id: spo.supplier_id, name: spo.supplier_name },
        contractStart: spo.contract_start,
        contractEnd: spo.contract_end,
        settings: { graceDays: spo.delivery_grace_days, responseDays: spo.report_response_days },
        can: {
          report: isSupplier(actor, parties),
          answer: lines.some((l) => isLineProvider(actor, l.activity.providerId)),
          changeSettings: maySetDelivery(actor, spo.buyer_id),
        },
        lines: lines.map((l) => presentDeliveryLine(l, milestones(l, spo, rows))),
        reports: await views(rows),
      };
    },

    /** The supplier reports what it delivered on one line in one contract year. */
    async report(
      ctx: RequestContext,
      loaded: LoadedDelivery,
      input: DeliveryReportInput,
    ): Promise<DeliveryReportView> {
      const person = requirePerson(ctx.actor);
      this.requireSupplier(person, loaded);
      const { spo } = loaded;
      const line = loaded.lines.find((l) => l.id === input.lineId);
      if (!line || !(await repo.lineExists(spo.id, input.lineId)))
        throw new AppError('validation_failed', 400, 'Report on a line of the awarded SPO', [
          { path: 'lineId', message: 'must be a line of the awarded SPO' },
        ]);
      checkPlaces(input.amount, unitOf(line.kind), 'amount');
      const periods = contractPeriods(spo.contract_start, spo.contract_end);
      const period = periods[input.period - 1];
      if (!period)
        throw new AppError(
          'validation_failed',
          400,
          `The contract has ${periods.length} contract year${periods.length === 1 ? '' : 's'}`,
          [{ path: 'period', message: `must be from 1 to ${periods.length}` }],
        );
      if (period.start > today())
        throw new AppError(
          'validation_failed',
          400,
          `Contract year ${period.period} starts on ${period.start}: it cannot be reported yet`,
          [{ path: 'period', message: `starts on ${period.start}` }],
        );
      const at = now();
      const id = await uow(async (tx) => {
        if (input.supersedes) {
          const old = await tx.delivery.report(input.supersedes, at);
          if (
            !old ||
            old.spo_id !== spo.id ||
            old.line_id !== input.lineId ||
            old.period !== input.period
          )
            throw new AppError(
              'supersedes_mismatch',
              409,
              'A correction supersedes a report on the same line and contract year',
              [{ path: 'supersedes', message: 'must be a report on this line and year' }],
            );
          if (old.superseded_by_id) throw superseded();
        }
        const reportId = await tx.delivery.insertReport({
          spo_id: spo.id,
          line_id: input.lineId,
          period: input.period,
          amount: input.amount,
          evidence_note: input.evidenceNote,
          evidence_links: input.evidenceLinks,
          supersedes_id: input.supersedes ?? null,
          reported_by: person.personId,
          created_at: at,
          respond_by: new Date(at.getTime() + spo.report_response_days * DAY_MS),
        });
        // Two corrections of one report at once: the unique key kept the other one.
        if (!reportId) throw superseded();
        await audit(
          ctx,
          tx,
          { action: 'delivery.reported', objectId: reportId, organisationId: spo.supplier_id },
          {
            spo: spo.id,
            line: input.lineId,
            period: input.period,
            amount: input.amount,
            supersedes: input.supersedes ?? null,
          },
        );
        if (notifier) {
          const verb = input.supersedes ? 'corrected its report of' : 'reported';
          await notifier.notify(tx, {
            kind: 'delivery_report',
            organisations: [line.activity.providerId],
            except: person.personId,
            title: `${spo.supplier_name} ${verb} delivery to “${line.activity.title}”`,
            body: `${spo.supplier_name} ${verb} what it delivered to your activity “${line.activity.title}” in contract year ${input.period} of “${spo.tender_title}”. Confirm it, confirm part of it or dispute it: only what you confirm counts as delivered.`,
            link: `/spos/${spo.id}`,
            objectType: 'delivery_report',
            objectId: reportId,
            dedupeKey: `delivery_report:${reportId}`,
            actionLabel: 'Answer the report',
          });
        }
        return reportId;
      });
      if (notifier) announce();
      return reportView(id);
    },

    /** The line's provider confirms, part-confirms or disputes a report, once. */
    async answer(
      ctx: RequestContext,
      reportId: string,
      input: ReportResponseInput,
    ): Promise<DeliveryReportView> {
      const row = await visibleReport(ctx.actor, reportId);
      authorize(
        ctx.actor,
        isLineProvider(ctx.actor, row.provider_id),
        "answer a report on another organisation's activity",
      );
      const person = requirePerson(ctx.actor);
      if (row.status === 'superseded') throw superseded();
      if (row.response !== null) throw answered();
      let confirmed = row.amount;
      if (input.decision === 'disputed') confirmed = '0';
      if (input.decision === 'part_confirmed') {
        checkPlaces(input.confirmedAmount, unitOf(row.kind), 'confirmedAmount');
        if (!new Big(input.confirmedAmount).lt(row.amount))
          throw new AppError(
            'validation_failed',
            400,
            `A part confirmed must be less than the ${decimal(row.amount)} reported; confirm it in full instead`,
            [
              {
                path: 'confirmedAmount',
                message: `must be more than 0 and less than ${decimal(row.amount)}`,
              },
            ],
          );
        confirmed = input.confirmedAmount;
      }
      await uow(async (tx) => {
        const written = await tx.delivery.answer(reportId, {
          response: input.decision,
          confirmed_amount: confirmed,
          response_comment: input.comment,
          responded_by: person.personId,
          responded_at: now(),
        });
        if (!written) {
          // Another answer or a correction came first: say which.
          const current = await tx.delivery.report(reportId, now());
          throw current?.status === 'superseded' ? superseded() : answered();
        }
        await audit(
          ctx,
          tx,
          { action: 'delivery.answered', objectId: reportId, organisationId: row.provider_id },
          { spo: row.spo_id, decision: input.decision, confirmedAmount: confirmed },
        );
        if (notifier) {
          const provider = await tx.notifications.organisationName(row.provider_id);
          const said = {
            confirmed: 'confirmed',
            part_confirmed: `confirmed ${decimal(confirmed)} of`,
            disputed: 'disputed',
          }[input.decision];
          await notifier.notify(tx, {
            kind: 'delivery_answer',
            organisations: [row.supplier_id],
            except: person.personId,
            title: `${provider} ${input.decision === 'part_confirmed' ? 'part-confirmed' : said} your delivery report`,
            body:
              `${provider} ${said} the ${decimal(row.amount)} you reported for contract year ${row.period} of “${row.tender_title}”.` +
              (input.comment ? ` Their comment: “${input.comment}”` : ''),
            link: `/spos/${row.spo_id}`,
            objectType: 'delivery_report',
            objectId: reportId,
            dedupeKey: `delivery_answer:${reportId}`,
            actionLabel: 'See the answer',
          });
        }
      });
      if (notifier) announce();
      return reportView(reportId);
    },

    /**
     * A report the actor may see, for an evidence upload: only its supplier adds files, and
     * only while the report stands unanswered (after that, a correction carries new evidence).
     */
    async evidenceTarget(actor: Actor, reportId: string): Promise<ReportRow> {
      const row = await visibleReport(actor, reportId);
      authorize(
        actor,
        isSupplier(actor, { supplierId: row.supplier_id, buyerId: row.buyer_id }),
        "add evidence to another organisation's report",
      );
      if (row.status === 'superseded') throw superseded();
      if (row.response !== null) throw answered();
      return row;
    },

    async addEvidence(
      ctx: RequestContext,
      row: ReportRow,
      file: { name: string; mediaType: string; content: Buffer },
    ): Promise<EvidenceFileView> {
      const person = requirePerson(ctx.actor);
      if (file.content.length === 0)
        throw new AppError('validation_failed', 400, 'The file is empty', [
          { path: 'body', message: 'must not be empty' },
        ]);
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const fileId = await uow(async (tx) => {
        const id = await tx.delivery.insertEvidence({
          report_id: row.id,
          file_name: file.name,
          media_type: file.mediaType,
          size_bytes: file.content.length,
          sha256,
          content: file.content,
          uploaded_by: person.personId,
          uploaded_at: now(),
        });
        await audit(
          ctx,
          tx,
          { action: 'delivery.evidence_added', objectId: row.id, organisationId: row.supplier_id },
          { file: id, name: file.name, sha256, sizeBytes: file.content.length },
        );
        return id;
      });
      const stored = (await repo.evidenceOf([row.id])).find((f) => f.id === fileId)!;
      return presentEvidence(stored);
    },

    /** One evidence file, for the report's parties only. */
    async evidenceFile(actor: Actor, reportId: string, fileId: string) {
      await visibleReport(actor, reportId);
      const file = await repo.evidenceFile(reportId, fileId);
      if (!file) throw new AppError('evidence_not_found', 404, 'This report has no such file');
      return {
        fileName: file.file_name,
        mediaType: file.media_type,
        content: Buffer.from(file.content),
      };
    },

    /** Reports the person's provider organisations must answer, or their suppliers sent. */
    async list(
      actor: PersonActor,
      q: {
        role: 'answer' | 'sent';
        status?: ReportStatus | undefined;
        page: number;
        pageSize: number;
      },
    ): Promise<DeliveryReportPage> {
      const orgs = [...actor.memberships.keys()];
      const { rows, total } = await repo.page(
        q.role === 'answer' ? { providerIds: orgs } : { supplierIds: orgs },
        q.status,
        now(),
        q.page,
        q.pageSize,
      );
      return { items: await views(rows), page: q.page, pageSize: q.pageSize, total };
    },

    /** The buyer sets the grace days and the days a provider has to answer. */
    async setSettings(
      ctx: RequestContext,
      tenderId: string,
      settings: DeliverySettings,
    ): Promise<DeliverySettings> {
      const tender = await tenders.visible(ctx.actor, tenderId);
      authorize(
        ctx.actor,
        maySetDelivery(ctx.actor, tender.buyer_id),
        "change this tender's delivery settings",
      );
      await uow(async (tx) => {
        await tx.delivery.setSettings(tender.id, settings.graceDays, settings.responseDays);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'tenders.delivery_settings_changed',
            objectType: 'tender',
            objectId: tender.id,
            organisationId: tender.buyer_id,
            summary: { ...settings },
          }),
        );
      });
      return settings;
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
