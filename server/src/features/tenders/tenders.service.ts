import { randomUUID } from 'node:crypto';
import { rooms, type OutboxMessage } from '@shared/events';
import { UK_BBOX } from '@shared/geo';
import type { Notifier } from '../notifications/notifications.service';
import type { Page } from '@shared/schemas/accounts';
import type { TenderPriorities } from '@shared/schemas/matching';
import {
  TenderStatuses,
  type MyTenderPage,
  type TenderCreate,
  type TenderStatus,
  type TenderUpdate,
  type TenderView,
} from '@shared/schemas/tenders';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor, PersonActor, RequestContext } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { auditEntry } from '../audit/audit.service';
import { isClosed, isEvaluable, mayTender } from './tenders.policy';
import { presentTender } from './tenders.presenter';
import type { TenderRow, TenderWrite } from './tenders.repo';
import type { CoverageService } from '../coverage/coverage.service';
import type { DomainEvents } from '../../lib/domain-events';

export const tenderNotFound = () => new AppError('tender_not_found', 404, 'No tender has this id');

async function checkTerritories(tx: Repos, codes: string[] | undefined) {
  if (!codes) return;
  const unknown = await tx.tenders.unknownTerritories(codes);
  if (unknown.length > 0) {
    throw new AppError('validation_failed', 400, `Unknown territories: ${unknown.join(', ')}`, [
      { path: 'territories', message: `unknown codes ${unknown.join(', ')}` },
    ]);
  }
}

const focusKey = (a: { kind: string; code: string }) => `${a.kind}:${a.code}`;

/** The calendar day (UTC) of a date, as `YYYY-MM-DD`. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Refuses priorities the database would take but the matching could not honour: a focus area
 * that does not exist or lies outside the tender's territories, a TOMs measure no framework
 * has, a delivery site outside the UK. `territories` are the tender's after the change.
 */
async function checkPriorities(
  tx: Repos,
  priorities: TenderPriorities,
  territories: string[],
): Promise<void> {
  const details: { path: string; message: string }[] = [];
  const inside = new Set(territories);
  const places = await tx.tenders.placeFocusAreas(priorities.focusAreas);
  priorities.focusAreas.forEach((area, i) => {
    const place = places.get(focusKey(area));
    const path = `priorities.focusAreas.${i}`;
    if (place === undefined) {
      const what = area.kind === 'lad' ? 'district' : 'territory';
      details.push({ path, message: `No ${what} has the code ${area.code}` });
    } else if (!inside.has(place.territory)) {
      details.push({ path, message: `${place.name} lies outside the tender’s territories` });
    }
  });
  const unknown = await tx.activities.unknownMeasures(
    priorities.measures.map((m) => ({ framework: m.framework, code: m.code })),
  );
  priorities.measures.forEach((m, i) => {
    if (unknown.has(`${m.framework} ${m.code}`))
      details.push({
        path: `priorities.measures.${i}.code`,
        message: `Unknown TOMs measure ${m.code} in framework ${m.framework}`,
      });
  });
  const [west, south, east, north] = UK_BBOX;
  priorities.deliverySites.forEach((site, i) => {
    const { lon, lat } = site.location;
    if (lon < west || lon > east || lat < south || lat > north)
      details.push({
        path: `priorities.deliverySites.${i}.location`,
        message: 'must be a place in the UK',
      });
  });
  if (details.length > 0) {
    throw new AppError(
      'validation_failed',
      400,
      `The local priorities are not valid: ${details.map((d) => d.message).join('; ')}`,
      details,
    );
  }
}

/**
 * Refuses new territories that would leave a stored focus area outside them: the buyer
 * changes the focus areas in the same edit.
 */
async function checkStoredFocusAreas(
  tx: Repos,
  row: TenderRow,
  territories: string[],
): Promise<void> {
  const inside = new Set(territories);
  const places = await tx.tenders.placeFocusAreas(row.focus_areas);
  const outside = row.focus_areas.filter((a) => {
    const place = places.get(focusKey(a));
    return place !== undefined && !inside.has(place.territory);
  });
  if (outside.length === 0) return;
  const names = outside.map((a) => a.name).join(', ');
  throw new AppError(
    'validation_failed',
    400,
    `Focus areas would lie outside the territories: ${names}`,
    [
      {
        path: 'territories',
        message: `the focus areas ${names} would lie outside them: change the focus areas too`,
      },
    ],
  );
}

function columns(input: TenderUpdate): Partial<Omit<TenderWrite, 'id' | 'ocid' | 'buyer_id'>> {
  const c: Partial<Omit<TenderWrite, 'id' | 'ocid' | 'buyer_id'>> = {};
  if (input.title !== undefined) c.title = input.title;
  if (input.reference !== undefined) c.reference = input.reference;
  if (input.description !== undefined) c.description = input.description;
  if (input.annualValuePence !== undefined) c.annual_value_pence = input.annualValuePence;
  if (input.durationYears !== undefined) c.duration_years = input.durationYears;
  if (input.startDate !== undefined) c.start_date = input.startDate;
  if (input.baselinePencePerMillion !== undefined)
    c.baseline_pence_per_million = input.baselinePencePerMillion;
  if (input.weightingPct !== undefined) c.weighting_pct = input.weightingPct;
  if (input.midPencePerMillion !== undefined) c.mid_pence_per_million = input.midPencePerMillion;
  if (input.higherAmbitionPencePerMillion !== undefined)
    c.higher_ambition_pence_per_million = input.higherAmbitionPencePerMillion;
  if (input.closesAt !== undefined) c.closes_at = input.closesAt;
  return c;
}

/** Buyers' tenders: drafted, published, cancelled; public once published. */
export function createTendersService(
  { repos, uow }: ServiceDeps,
  {
    ocidPrefix,
    coverage,
    notifier,
  }: { ocidPrefix: string; coverage: CoverageService; notifier?: Notifier },
  events: DomainEvents,
) {
  const repo = repos.tenders;

  /** The tender if this actor may see it (drafts: the buyer's members only), else 404. */
  async function visible(actor: Actor, id: string): Promise<TenderRow> {
    const row = await repo.findById(id);
    if (!row) throw tenderNotFound();
    if (row.published_at === null && !mayTender(actor, 'readDraft', row.buyer_id))
      throw tenderNotFound();
    return row;
  }

  async function audit(
    ctx: RequestContext,
    tx: Repos,
    row: { id: string; buyerId: string },
    action: string,
    summary: Record<string, unknown>,
  ) {
    await tx.audit.record(
      auditEntry(ctx, {
        action,
        objectType: 'tender',
        objectId: row.id,
        organisationId: row.buyerId,
        summary,
      }),
    );
  }

  return {
    visible,

    async get(actor: Actor, id: string): Promise<TenderView> {
      return presentTender(await visible(actor, id));
    },

    async isBuyer(organisationId: string): Promise<boolean> {
      return (await repo.organisationKind(organisationId))?.kind === 'buyer';
    },

    async create(ctx: RequestContext, buyerId: string, input: TenderCreate): Promise<TenderView> {
      const id = randomUUID();
      await uow(async (tx) => {
        await checkTerritories(tx, input.territories);
        await checkPriorities(tx, input.priorities, input.territories);
        const { territories, priorities, ...rest } = input;
        await tx.tenders.insert(
          {
            ...(columns({ ...rest, description: rest.description }) as Omit<
              TenderWrite,
              'id' | 'ocid' | 'buyer_id'
            >),
            id,
            ocid: `${ocidPrefix}-${id}`,
            buyer_id: buyerId,
          },
          territories,
          priorities,
        );
        await audit(ctx, tx, { id, buyerId }, 'tenders.created', { title: input.title });
      });
      return presentTender((await repo.findById(id))!);
    },

    async update(ctx: RequestContext, row: TenderRow, changes: TenderUpdate): Promise<TenderView> {
      if (row.status !== 'draft')
        throw new AppError('tender_not_draft', 409, 'Only a draft tender can be edited');
      const merged = {
        baseline: changes.baselinePencePerMillion ?? Number(row.baseline_pence_per_million),
        mid: changes.midPencePerMillion ?? Number(row.mid_pence_per_million),
        higher:
          changes.higherAmbitionPencePerMillion ?? Number(row.higher_ambition_pence_per_million),
      };
      if (merged.mid < merged.baseline || merged.higher < merged.mid) {
        throw new AppError(
          'validation_failed',
          400,
          'Bands must rise: baseline ≤ mid ≤ higher ambition',
          [
            {
              path: 'midPencePerMillion',
              message: 'bands must rise: baseline ≤ mid ≤ higher ambition',
            },
          ],
        );
      }
      await uow(async (tx) => {
        await checkTerritories(tx, changes.territories);
        const territories = changes.territories ?? row.territories.map((t) => t.code);
        if (changes.priorities) await checkPriorities(tx, changes.priorities, territories);
        else if (changes.territories) await checkStoredFocusAreas(tx, row, territories);
        await tx.tenders.update(row.id, columns(changes), changes.territories, changes.priorities);
        await audit(ctx, tx, { id: row.id, buyerId: row.buyer_id }, 'tenders.updated', {
          fields: Object.keys(changes),
        });
      });
      return presentTender((await repo.findById(row.id))!);
    },

    async transition(
      ctx: RequestContext,
      row: TenderRow,
      to: 'open' | 'cancelled',
      reason = '',
    ): Promise<TenderView> {
      await uow(async (tx) => {
        const txRepo = tx.tenders;
        if (to === 'open') {
          if (row.status !== 'draft')
            throw new AppError('tender_not_draft', 409, 'Only a draft tender can be published');
          if (!(await txRepo.publish(row.id)))
            throw new AppError(
              'tender_closed',
              409,
              'The closing time has passed: move it on before publishing',
            );
        } else {
          if (!(await txRepo.cancel(row.id, reason)))
            throw new AppError(
              'tender_awarded',
              409,
              `A tender that is ${row.status} cannot be cancelled`,
            );
          // A cancelled tender is announced to nobody more: what still waits for the digest or
          // the mail relay goes with the cancellation (the match job re-checks the status).
          await tx.notifications.withdrawTenderAnnouncements(row.id);
        }
        await audit(
          ctx,
          tx,
          { id: row.id, buyerId: row.buyer_id },
          to === 'open' ? 'tenders.published' : 'tenders.cancelled',
          { reason },
        );
      });
      // The notification jobs tell whom it matches now, not at their next tick.
      if (to === 'open') events.emit('tenders.published');
      return presentTender((await repo.findById(row.id))!);
    },

    async list(
      actor: Actor,
      q: {
        status?: string;
        territory?: string;
        territories?: string[];
        buyer?: string;
        q?: string;
        page: number;
        pageSize: number;
      },
    ): Promise<Page<TenderView>> {
      const draftsOf = actor.kind === 'person' ? [...actor.memberships.keys()] : [];
      const { rows, total } = await repo.list(q, draftsOf, q.page, q.pageSize);
      return { items: rows.map(presentTender), page: q.page, pageSize: q.pageSize, total };
    },

    /**
     * The tenders of the buyers the person belongs to, drafts included, with their sealed
     * bids counted once closed, and how many there are in each status.
     */
    async mine(
      actor: PersonActor,
      q: { status?: TenderStatus | undefined; page: number; pageSize: number },
    ): Promise<MyTenderPage> {
      const buyers = [...actor.memberships.keys()];
      const { rows, total } = await repo.list(
        { status: q.status, buyers },
        buyers,
        q.page,
        q.pageSize,
      );
      // Counted only after closing: before it, the buyer may not know how many bids there are.
      const closed = rows.filter(isEvaluable).map((r) => r.id);
      const bids = await repos.spos.sealedCounts(closed);
      const counts = await repo.statusCounts(buyers);
      return {
        items: rows.map((r) => ({
          ...presentTender(r),
          sealedBids: isEvaluable(r) ? (bids.get(r.id) ?? 0) : null,
        })),
        page: q.page,
        pageSize: q.pageSize,
        total,
        byStatus: Object.fromEntries(
          TenderStatuses.map((status) => [status, counts.get(status) ?? 0]),
        ) as Record<TenderStatus, number>,
      };
    },

    /** Records the buyer's decision: one winner, public; the rest not awarded, private. */
    async award(
      ctx: RequestContext,
      tenderRow: TenderRow,
      spoId: string,
      contractStart?: string,
      contractEnd?: string,
    ): Promise<void> {
      if (tenderRow.status === 'cancelled' || tenderRow.status === 'awarded')
        throw new AppError(
          'tender_awarded',
          409,
          `A tender that is ${tenderRow.status} cannot be awarded`,
        );
      if (!isClosed(tenderRow))
        throw new AppError('tender_not_closed', 409, 'A tender is awarded only after it closes');
      const spo = await repos.spos.findById(spoId);
      if (!spo || spo.tender_id !== tenderRow.id || spo.status !== 'submitted') {
        throw new AppError('validation_failed', 400, 'Award to an SPO submitted to this tender', [
          { path: 'spoId', message: 'must be an SPO submitted to this tender' },
        ]);
      }
      const start = contractStart ?? tenderRow.start_date;
      const end = new Date(`${start}T00:00:00Z`);
      end.setUTCFullYear(end.getUTCFullYear() + tenderRow.duration_years);
      end.setUTCDate(end.getUTCDate() - 1);
      // A contract may end part-way through a year (its last contribution pro rata), never
      // before it starts nor after the tender's duration.
      if (contractEnd !== undefined && (contractEnd < start || contractEnd > isoDay(end))) {
        throw new AppError(
          'validation_failed',
          400,
          `The contract must end between its start (${start}) and the end of the tender's duration (${isoDay(end)})`,
          [{ path: 'contractEnd', message: `must be from ${start} to ${isoDay(end)}` }],
        );
      }
      await uow(async (tx) => {
        // The lines' activities are locked first, before the tender: a write to one of them
        // waits for the award, or the award for it, and the figures add both.
        const snapshot = await coverage.snapshot(tx, await coverage.activitiesOfSpo(tx, spoId));
        if (!(await tx.tenders.markAwarded(tenderRow.id, spoId)))
          throw new AppError('tender_awarded', 409, 'This tender has already been awarded');
        const end10 = contractEnd ?? isoDay(end);
        if (!(await tx.spos.award(tenderRow.id, spoId, start, end10)))
          throw new AppError('validation_failed', 400, 'Award to an SPO submitted to this tender', [
            { path: 'spoId', message: 'must be an SPO submitted to this tender' },
          ]);
        const touched = await coverage.record(tx, snapshot);
        // Published after commit by the relay; a rolled-back award leaves none behind.
        await tx.outbox.write([
          ...touched.flatMap((code): OutboxMessage[] => [
            {
              topic: 'spos.awarded',
              room: rooms.territory(code),
              payload: { spoId, tenderId: tenderRow.id, territory: code },
            },
            {
              topic: 'coverage.updated',
              room: rooms.territory(code),
              payload: { territory: code },
            },
          ]),
          {
            topic: 'tenders.awarded',
            room: rooms.tender(tenderRow.id),
            payload: { tenderId: tenderRow.id, spoId },
          },
        ]);
        if (notifier) {
          // The award is public now: the winner, and the providers its lines link.
          const supplier = await tx.notifications.organisationName(spo.supplier_id);
          await notifier.notify(tx, {
            kind: 'award',
            organisations: [spo.supplier_id],
            title: `Your SPO won “${tenderRow.title}”`,
            body: `The buyer awarded “${tenderRow.title}” to your Social Purchase Order. Your commitments start on ${start} and are now public.`,
            link: `/spos/${spoId}`,
            objectType: 'spo',
            objectId: spoId,
            dedupeKey: `award:${tenderRow.id}`,
            actionLabel: 'Open your SPO',
          });
          for (const p of await tx.notifications.providersOfSpo(spoId)) {
            await notifier.notify(tx, {
              kind: 'award',
              organisations: [p.provider_id],
              title: `“${tenderRow.title}” was awarded with your activity`,
              body: `${supplier} won “${tenderRow.title}” with a Social Purchase Order that links your activity “${p.title}”. Its commitments to you start on ${start}.`,
              link: `/spos/${spoId}`,
              objectType: 'spo',
              objectId: spoId,
              dedupeKey: `award:${tenderRow.id}`,
              actionLabel: 'See the award',
            });
          }
        }
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'tenders.awarded',
            objectType: 'tender',
            objectId: tenderRow.id,
            organisationId: tenderRow.buyer_id,
            summary: {
              spo: spoId,
              supplier: spo.supplier_id,
              contractStart: start,
              ...(contractEnd ? { contractEnd } : {}),
            },
          }),
        );
      });
      events.emit('outbox.written');
      events.emit('mail.written');
    },
  };
}

export type TendersService = ReturnType<typeof createTendersService>;
