import { createHash } from 'node:crypto';
import { rooms } from '@shared/events';
import type { Confidence, CostArea, Impact } from '@shared/schemas/activities';
import {
  SpoStatuses,
  type LinkRequestCounts,
  type MySpoPage,
  type SpoFigures,
  type SpoLineInput,
  type SpoLineView,
  type SpoStatus,
  type SpoView,
  type TenderView,
} from '@shared/schemas/tenders';
import {
  bandOf,
  meetsRate,
  proxyValuePence,
  ratePerMillionPence,
  scores,
} from '@shared/social-value';
import type { Repos, ServiceDeps } from '../../composition';
import type { Actor, PersonActor, RequestContext } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { DomainEvents } from '../../lib/domain-events';
import { auditEntry } from '../audit/audit.service';
import { presentTender } from '../tenders/tenders.presenter';
import { isClosed, isEvaluable } from '../tenders/tenders.policy';
import type { TenderRow } from '../tenders/tenders.repo';
import { PROVIDER_VISIBLE_STATUSES, spoAccess, type SpoAccess } from './spos.policy';
import {
  presentLine,
  presentLinkRequest,
  presentLinkRequestCount,
  presentMySpo,
  presentSpo,
  presentSupporter,
  readSealed,
  type Sealed,
} from './spos.presenter';
import type { LineRow, SposRepo, SpoRow } from './spos.repo';
import type { Notifier } from '../notifications/notifications.service';

const STARTER = 'national-toms-starter';
/** Money given is valued as NT28 (donations and in-kind, £1 a £1), hours as NT29. */
const MONEY_MEASURE = 'NT28';
const HOURS_MEASURE = 'NT29';

const spoNotFound = () => new AppError('spo_not_found', 404, 'No SPO has this id');

/** An SPO as one request loaded it: its row, its tender, and what the actor may see. */
export interface LoadedSpo {
  spo: SpoRow;
  tenderRow: TenderRow;
  tender: TenderView;
  access: SpoAccess;
}

/** The figures of a set of lines for a tender: primary, TOMs and secondary kept apart. */
export function figuresOf(
  lines: SpoLineView[],
  tender: TenderView,
  costs: Map<string, Impact['costsAvoided']>,
): SpoFigures {
  const annual = lines
    .filter((l) => l.kind === 'cash' || l.kind === 'in_kind')
    .reduce((sum, l) => sum + (l.annualPence ?? 0), 0);
  const proxy = lines.reduce((sum, l) => sum + l.annualProxyPence, 0);
  const secondary = new Map<CostArea, { annualPence: number; confidence: Set<Confidence> }>();
  for (const activityId of new Set(lines.map((l) => l.activity.id))) {
    for (const [area, cost] of Object.entries(costs.get(activityId) ?? {})) {
      if (!cost) continue;
      const entry = secondary.get(area as CostArea) ?? { annualPence: 0, confidence: new Set() };
      entry.annualPence += cost.annualPence;
      entry.confidence.add(cost.confidence);
      secondary.set(area as CostArea, entry);
    }
  }
  return {
    annualContributionPence: annual,
    totalContributionPence: annual * tender.durationYears,
    ratePencePerMillion: ratePerMillionPence(annual, tender.annualValuePence),
    compliant: meetsRate(annual, tender.annualValuePence, tender.baselinePencePerMillion),
    band: bandOf(annual, tender.annualValuePence, {
      baseline: tender.baselinePencePerMillion,
      mid: tender.midPencePerMillion,
      higherAmbition: tender.higherAmbitionPencePerMillion,
    }),
    annualProxyPence: proxy,
    totalProxyPence: proxy * tender.durationYears,
    secondary: [...secondary.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([area, e]) => ({
        area,
        annualPence: e.annualPence,
        confidence: [...e.confidence].sort(),
      })),
  };
}

/** TOMs proxy value a year of a line (measures: quantity × proxy; money as NT28; hours as NT29). */
function annualProxy(r: LineRow, proxies: Map<string, string>): number {
  if (r.kind === 'measure' && r.proxy_value_gbp && r.annual_quantity)
    return proxyValuePence(r.annual_quantity, r.proxy_value_gbp);
  if (r.kind === 'volunteering' && proxies.has(HOURS_MEASURE))
    return proxyValuePence(r.annual_hours ?? 0, proxies.get(HOURS_MEASURE)!);
  if (r.annual_pence !== null && proxies.has(MONEY_MEASURE))
    return proxyValuePence(Number(r.annual_pence) / 100, proxies.get(MONEY_MEASURE)!);
  return 0;
}

/**
 * Does this SPO ask a line's activity for more money a year than it can still absorb (its
 * capacity less what awards already hold)? A capacity of 0 is one the provider has not
 * stated: nothing to hold a pledge against.
 */
function exceedsCapacity(r: LineRow, asked: Map<string, number>, held: Map<string, number>) {
  const capacity = Number(r.capacity_pence);
  const remaining = capacity - (held.get(r.activity_id) ?? 0);
  return capacity > 0 && r.annual_pence !== null && (asked.get(r.activity_id) ?? 0) > remaining;
}

/** SPOs: drafted by suppliers, confirmed line by line by providers, sealed, scored, awarded. */
export function createSposService(
  { repos, uow }: ServiceDeps,
  events: DomainEvents,
  notifier?: Notifier,
) {
  const repo = repos.spos;
  const { tenders } = repos;
  /** After a commit that told someone: publish and send now rather than at the next tick. */
  const announce = () => {
    events.emit('outbox.written');
    events.emit('mail.written');
  };

  /**
   * One SPO's lines as views. `reads` goes through the caller's transaction when there is
   * one (the embedded database has a single session: a read outside it would wait for ever).
   */
  async function lineViews(spoId: string, rows: LineRow[], reads: SposRepo = repo) {
    const proxies = await reads.proxies(STARTER, [MONEY_MEASURE, HOURS_MEASURE]);
    const held = await reads.committedByAwards([...new Set(rows.map((r) => r.activity_id))], spoId);
    // What each activity is asked for by this SPO, to hold against what it can still absorb.
    const asked = new Map<string, number>();
    for (const r of rows)
      asked.set(r.activity_id, (asked.get(r.activity_id) ?? 0) + Number(r.annual_pence ?? 0));
    return rows.map((r) =>
      presentLine(r, {
        annualProxyPence: annualProxy(r, proxies),
        capacityExceeded: exceedsCapacity(r, asked, held),
      }),
    );
  }

  async function live(spoId: string, tender: TenderView, reads: SposRepo = repo): Promise<Sealed> {
    const rows = await reads.lines([spoId]);
    const lines = await lineViews(spoId, rows, reads);
    const costs = new Map(
      rows.map((r) => [r.activity_id, r.costs_avoided as Impact['costsAvoided']]),
    );
    return { lines, figures: figuresOf(lines, tender, costs) };
  }

  async function sealed(spo: SpoRow) {
    if (spo.submitted_version === null) return undefined;
    const v = await repo.sealedVersion(spo.id, spo.submitted_version);
    if (!v) return undefined;
    return {
      content: readSealed(v.content),
      submittedAt: new Date(v.submitted_at).toISOString(),
      hash: v.content_hash,
      version: v.version,
    };
  }

  /** What this actor may see of an SPO of this tender, given its lines' providers. */
  function accessTo(actor: Actor, spo: SpoRow, tenderRow: TenderRow, lines: LineRow[]) {
    return spoAccess(
      actor,
      { status: spo.status, supplierId: spo.supplier_id },
      { buyerId: tenderRow.buyer_id, closed: isEvaluable(tenderRow) },
      [...new Set(lines.filter((l) => l.spo_id === spo.id).map((l) => l.provider_id))],
    );
  }

  /**
   * Loads an SPO, its tender and what this actor may see of it, once per request: the routes
   * hand the result to the use case. 404 when the actor may see nothing.
   */
  async function load(actor: Actor, id: string): Promise<LoadedSpo> {
    const spo = await repo.findById(id);
    if (!spo) throw spoNotFound();
    const tenderRow = (await tenders.findById(spo.tender_id))!;
    const access = accessTo(actor, spo, tenderRow, await repo.lines([spo.id]));
    if (access === 'none') throw spoNotFound();
    return { spo, tenderRow, tender: presentTender(tenderRow), access };
  }

  /** The SPO's view after a change this request made: its row read again, access as loaded. */
  async function viewAfterChange(actor: Actor, loaded: LoadedSpo): Promise<SpoView> {
    const spo = (await repo.findById(loaded.spo.id)) ?? loaded.spo;
    return view(actor, spo, loaded.tender, loaded.access);
  }

  async function view(
    actor: Actor,
    spo: SpoRow,
    tender: TenderView,
    access: SpoAccess,
    extra: { score?: number | null; flags?: string[] } = {},
  ): Promise<SpoView> {
    const seal = await sealed(spo);
    let body: Sealed;
    // Once decided, an SPO is what was sealed, for its supplier too: a draft edited after
    // submitting was never bid, and the award notice links here.
    const decided = spo.status === 'awarded' || spo.status === 'not_awarded';
    if (access === 'sealed' || (seal && decided)) {
      body = seal!.content;
    } else {
      body = await live(spo.id, tender);
      if (access === 'ownLines') {
        const mine = body.lines.filter(
          (l) => actor.kind === 'person' && actor.memberships.has(l.activity.providerId),
        );
        body = { lines: mine, figures: figuresOf(mine, tender, new Map()) };
      }
    }
    // The buyer's judgement of a bid is between the buyer and the supplier, even once public.
    const seesMark =
      access === 'full' || (actor.kind === 'person' && actor.memberships.has(tender.buyer.id));
    const status =
      access === 'full' && spo.status === 'submitted' && spo.draft_changed ? 'draft' : spo.status;
    return presentSpo(spo, { status, seal, seesMark, body, ...extra });
  }

  function refuseChange(spoStatus: string, tenderOpen: boolean) {
    if (!tenderOpen)
      throw new AppError(
        'tender_closed',
        409,
        'The tender has closed: this SPO can no longer change',
      );
    if (spoStatus === 'awarded' || spoStatus === 'not_awarded' || spoStatus === 'withdrawn')
      throw new AppError('spo_not_editable', 409, `An SPO that is ${spoStatus} cannot change`);
  }

  /** A quick refusal before any work; `lockEditable` decides again inside the transaction. */
  function requireEditable(spo: SpoRow, tenderRow: TenderRow) {
    refuseChange(spo.status, tenderRow.status === 'open' && !isClosed(tenderRow));
  }

  /**
   * Locks the SPO for the rest of the transaction and checks, as it is now and on the
   * database's clock, that it may still change: a submit and a decline (or a line's
   * removal) then happen one after the other, never interleaved.
   */
  async function lockEditable(tx: Repos, id: string): Promise<void> {
    const locked = await tx.spos.lockForChange(id);
    if (!locked) throw spoNotFound();
    refuseChange(locked.status, locked.tender_status === 'open' && locked.before_closing);
  }

  async function audit(
    ctx: RequestContext,
    tx: Repos,
    spo: { id: string; supplier_id: string },
    action: string,
    summary: Record<string, unknown>,
  ) {
    await tx.audit.record(
      auditEntry(ctx, {
        action,
        objectType: 'spo',
        objectId: spo.id,
        organisationId: spo.supplier_id,
        summary,
      }),
    );
  }

  return {
    load,

    /**
     * Refuses anyone but the SPO's supplier's members (`load` has already answered 404 to
     * those who may not even see it), so that a stored answer is replayed only to someone
     * who may still make the change.
     */
    requireSupplier(loaded: LoadedSpo): void {
      if (loaded.access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier changes its SPO');
    },

    /**
     * Refuses (409) an SPO that can no longer change: its tender closed, or the SPO awarded,
     * not awarded or withdrawn. For work that prepares a change, such as a pledge import.
     */
    requireEditable(loaded: LoadedSpo): void {
      requireEditable(loaded.spo, loaded.tenderRow);
    },

    get(actor: Actor, loaded: LoadedSpo): Promise<SpoView> {
      return view(actor, loaded.spo, loaded.tender, loaded.access);
    },

    async create(ctx: RequestContext, tenderRow: TenderRow, supplierId: string): Promise<SpoView> {
      if ((await tenders.organisationKind(supplierId))?.kind !== 'supplier')
        throw new AppError('forbidden', 403, 'Only supplier organisations submit SPOs');
      if (tenderRow.status !== 'open' || isClosed(tenderRow))
        throw new AppError('tender_not_open', 409, 'This tender is not open for SPOs');
      const id = await uow(async (tx) => {
        const txRepo = tx.spos;
        // Decided by the unique key, so two requests at once get one SPO and one 409.
        const spoId = await txRepo.insertIfAbsent(tenderRow.id, supplierId);
        if (!spoId) {
          const existing = await txRepo.findByTenderAndSupplier(tenderRow.id, supplierId);
          throw new AppError(
            'spo_exists',
            409,
            'This supplier already has an SPO for this tender',
            { spoId: existing?.id ?? null },
          );
        }
        await audit(ctx, tx, { id: spoId, supplier_id: supplierId }, 'spos.created', {
          tender: tenderRow.id,
        });
        return spoId;
      });
      return this.get(ctx.actor, await load(ctx.actor, id));
    },

    async addLine(ctx: RequestContext, loaded: LoadedSpo, input: SpoLineInput): Promise<SpoView> {
      const { spo, tenderRow, access } = loaded;
      const { id } = spo;
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier edits its SPO');
      requireEditable(spo, tenderRow);
      const activity = await repo.activityForLine(input.activityId);
      if (!activity || (activity.status !== 'active' && activity.status !== 'at_risk')) {
        throw new AppError(
          'activity_not_linkable',
          400,
          'Only active or at-risk activities can be linked',
          [{ path: 'activityId', message: 'must be an active or at-risk activity' }],
        );
      }
      if (
        input.kind === 'measure' &&
        !(await repo.measureExists(input.measure.framework, input.measure.code))
      ) {
        throw new AppError('validation_failed', 400, `Unknown TOMs measure ${input.measure.code}`, [
          { path: 'measure.code', message: 'unknown TOMs measure' },
        ]);
      }
      await uow(async (tx) => {
        const txRepo = tx.spos;
        await lockEditable(tx, id);
        const lineId = await txRepo.addLine({
          spo_id: id,
          activity_id: input.activityId,
          kind: input.kind,
          annual_pence:
            input.kind === 'cash' || input.kind === 'in_kind' ? input.annualPence : null,
          description: input.kind === 'in_kind' ? input.description : null,
          annual_hours: input.kind === 'volunteering' ? input.annualHours : null,
          framework_id: input.kind === 'measure' ? input.measure.framework : null,
          measure_code: input.kind === 'measure' ? input.measure.code : null,
          annual_quantity: input.kind === 'measure' ? input.annualQuantity : null,
        });
        await txRepo.markChanged(id);
        await audit(ctx, tx, spo, 'spos.line_added', {
          activity: input.activityId,
          kind: input.kind,
        });
        // The provider's members (only they, and the supplier, see a draft's lines).
        const subject = await tx.notifications.lineSubject(lineId);
        if (notifier && subject) {
          const supplier = await tx.notifications.organisationName(spo.supplier_id);
          await notifier.notify(tx, {
            kind: 'link_request',
            organisations: [subject.provider_id],
            title: `${supplier} asks to link “${subject.title}”`,
            body: `${supplier} wants to include your activity “${subject.title}” in its Social Purchase Order for the tender “${loaded.tender.title}”. Accept or decline the request before the tender closes.`,
            link: '/link-requests',
            objectType: 'spo_line',
            objectId: lineId,
            dedupeKey: `link_request:${lineId}`,
            actionLabel: 'Answer the request',
          });
        }
      });
      if (notifier) announce();
      return viewAfterChange(ctx.actor, loaded);
    },

    async removeLine(ctx: RequestContext, loaded: LoadedSpo, lineId: string): Promise<SpoView> {
      const { spo, tenderRow, access } = loaded;
      const { id } = spo;
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier edits its SPO');
      requireEditable(spo, tenderRow);
      await uow(async (tx) => {
        const txRepo = tx.spos;
        await lockEditable(tx, id);
        if (!(await txRepo.deleteLine(id, lineId)))
          throw new AppError('line_not_found', 404, 'This SPO has no such line');
        await txRepo.markChanged(id);
        await audit(ctx, tx, spo, 'spos.line_removed', { line: lineId });
      });
      return viewAfterChange(ctx.actor, loaded);
    },

    /** A provider's answer to a link-up request on one of its activities. */
    async respond(
      ctx: RequestContext,
      loaded: LoadedSpo,
      lineId: string,
      decision: 'accepted' | 'declined',
      note: string,
    ): Promise<SpoView> {
      const { spo, tenderRow } = loaded;
      const { id } = spo;
      const line = await repo.lineProvider(id, lineId);
      if (!line) throw new AppError('line_not_found', 404, 'This SPO has no such line');
      if (!(ctx.actor.kind === 'person' && ctx.actor.memberships.has(line.provider_id)))
        // Another provider's line answers as if it did not exist.
        throw new AppError('line_not_found', 404, 'This SPO has no such line');
      requireEditable(spo, tenderRow);
      await uow(async (tx) => {
        await lockEditable(tx, id);
        await tx.spos.respond(lineId, decision, note);
        // Consent withdrawn from a submitted SPO ends that submission: it cannot be awarded
        // on a line the provider now refuses (the supplier may resubmit before closing).
        if (decision === 'declined') await tx.spos.unsubmit(id);
        await tx.audit.record(
          auditEntry(ctx, {
            action: `spos.line_${decision}`,
            objectType: 'spo_line',
            objectId: lineId,
            organisationId: line.provider_id,
            summary: { spo: id, note },
          }),
        );
        // To the supplier's members: the SPO is theirs, and the answer is to their request.
        const subject = await tx.notifications.lineSubject(lineId);
        if (notifier && subject) {
          const provider = await tx.notifications.organisationName(subject.provider_id);
          const verb = decision === 'accepted' ? 'accepted' : 'declined';
          await notifier.notify(tx, {
            kind: 'link_answer',
            organisations: [spo.supplier_id],
            title: `${provider} ${verb} your request to link “${subject.title}”`,
            body:
              `${provider} ${verb} the link-up of “${subject.title}” in your SPO for “${loaded.tender.title}”.` +
              (note ? ` Their note: “${note}”` : ''),
            link: `/spos/${id}`,
            objectType: 'spo',
            objectId: id,
            dedupeKey: `link_answer:${lineId}:${decision}:${Date.now()}`,
            actionLabel: 'Open your SPO',
          });
        }
      });
      if (notifier) announce();
      return viewAfterChange(ctx.actor, loaded);
    },

    /** Seals the live lines as a new version, if every line is accepted and the tender open. */
    async submit(ctx: RequestContext, loaded: LoadedSpo): Promise<SpoView> {
      const { spo, tenderRow, tender, access } = loaded;
      const { id } = spo;
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier submits its SPO');
      requireEditable(spo, tenderRow);
      await uow(async (tx) => {
        const txRepo = tx.spos;
        // Locked before the lines are read, so what is checked is what is sealed: a
        // concurrent decline or removal waits for the seal (and then undoes it), or the seal
        // waits for it (and then refuses).
        await lockEditable(tx, id);
        const body = await live(id, tender, txRepo);
        if (body.lines.length === 0 || body.lines.some((l) => l.status !== 'accepted')) {
          throw new AppError(
            'lines_not_accepted',
            409,
            'Every line must be accepted by its provider before submitting',
            {
              pending: body.lines.filter((l) => l.status !== 'accepted').map((l) => l.id),
            },
          );
        }
        const version = (await txRepo.latestVersionNumber(id)) + 1;
        const content = JSON.stringify({
          spoId: id,
          tender: { id: tender.id, ocid: tender.ocid },
          supplierId: spo.supplier_id,
          version,
          // A provider's note is between provider and supplier; the sealed version goes public.
          lines: body.lines.map((l) => ({ ...l, providerNote: '' })),
          figures: body.figures,
        });
        const hash = createHash('sha256').update(content).digest('hex');
        if (!(await txRepo.seal(id, version, content, hash)))
          throw new AppError('tender_closed', 409, 'The tender has closed: it takes no more SPOs');
        await audit(ctx, tx, spo, 'spos.submitted', { version, hash });
        // To the supplier's members only: the buyer sees sealed bids after the closing time.
        await tx.outbox.write([
          {
            topic: 'spos.submitted',
            room: rooms.org(spo.supplier_id),
            payload: { spoId: id, tenderId: tender.id, version },
          },
        ]);
      });
      events.emit('outbox.written');
      return viewAfterChange(ctx.actor, loaded);
    },

    async withdraw(ctx: RequestContext, loaded: LoadedSpo): Promise<SpoView> {
      const { spo, tenderRow, access } = loaded;
      const { id } = spo;
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier withdraws its SPO');
      if (
        spo.status === 'awarded' ||
        spo.status === 'not_awarded' ||
        tenderRow.status === 'awarded'
      )
        throw new AppError(
          'spo_not_editable',
          409,
          'After the award an SPO can no longer be withdrawn',
        );
      await uow(async (tx) => {
        if (!(await tx.spos.withdraw(id)))
          throw new AppError(
            'spo_not_editable',
            409,
            'After the award an SPO can no longer be withdrawn',
          );
        await audit(ctx, tx, spo, 'spos.withdrawn', {});
      });
      return viewAfterChange(ctx.actor, loaded);
    },

    /** The tender's SPOs as this actor may see them; for its buyer after closing, scored. */
    async forTender(actor: Actor, tenderRow: TenderRow): Promise<SpoView[]> {
      const tender = presentTender(tenderRow);
      const isBuyer = actor.kind === 'person' && actor.memberships.has(tenderRow.buyer_id);
      // Every SPO and every line of the tender in two reads, each SPO's access decided here.
      const rows = await repo.ofTender(tenderRow.id, [
        'draft',
        'submitted',
        'withdrawn',
        'awarded',
        'not_awarded',
      ]);
      const lines = await repo.lines(rows.map((r) => r.id));
      const visible = rows.flatMap((spo) => {
        const access = accessTo(actor, spo, tenderRow, lines);
        // A provider's view of its own lines belongs in its inbox, not in the tender's table.
        return access === 'none' || access === 'ownLines' ? [] : [{ spo, access }];
      });
      const views = await Promise.all(
        visible.map(({ spo, access }) => view(actor, spo, tender, access)),
      );
      if (!isBuyer || !isEvaluable(tenderRow)) return views;

      const submitted = views.filter((v) => v.status !== 'draft' && v.status !== 'withdrawn');
      const activityBids = new Map<string, number>();
      for (const v of submitted)
        for (const a of new Set(v.lines.map((l) => l.activity.id)))
          activityBids.set(a, (activityBids.get(a) ?? 0) + 1);
      const submittedIds = new Set(submitted.map((v) => v.id));
      const current = new Map(
        lines
          .filter((l) => submittedIds.has(l.spo_id))
          .map((l) => [l.activity_id, l.activity_status]),
      );
      const territories = new Set(tender.territories.map((t) => t.code));
      const scored = scores(
        tender.weightingPct,
        submitted.map((v) => ({
          id: v.id,
          ratePencePerMillion: v.figures.ratePencePerMillion,
          compliant: v.figures.compliant,
          credible: v.credible,
        })),
      );
      return submitted.map((v) => {
        const flags = new Set<string>();
        for (const l of v.lines) {
          if (!territories.has(l.activity.territory)) flags.add('line_outside_territories');
          const status = current.get(l.activity.id) ?? l.activity.status;
          if (status === 'at_risk') flags.add('activity_at_risk');
          if (status === 'closed' || status === 'paused') flags.add('activity_closed');
          if (l.capacityExceeded) flags.add('capacity_exceeded');
          if ((activityBids.get(l.activity.id) ?? 0) > 1) flags.add('activity_in_several_bids');
        }
        return { ...v, flags: [...flags].sort(), score: scored.get(v.id) ?? 0 };
      });
    },

    async setCredibility(
      ctx: RequestContext,
      loaded: LoadedSpo,
      credible: boolean,
      reason: string,
    ): Promise<SpoView> {
      const { spo, tenderRow, tender, access } = loaded;
      const { id } = spo;
      const isBuyer = ctx.actor.kind === 'person' && ctx.actor.memberships.has(tenderRow.buyer_id);
      if (!isBuyer || access !== 'sealed') throw spoNotFound();
      if (!credible && reason.trim() === '') {
        throw new AppError('validation_failed', 400, 'Say why the SPO is not credible', [
          { path: 'reason', message: 'is required when marking an SPO not credible' },
        ]);
      }
      await uow(async (tx) => {
        await tx.spos.setCredibility(id, credible, reason);
        await tx.audit.record(
          auditEntry(ctx, {
            action: credible ? 'spos.marked_credible' : 'spos.marked_not_credible',
            objectType: 'spo',
            objectId: id,
            organisationId: tenderRow.buyer_id,
            summary: { reason },
          }),
        );
      });
      const all = await this.forTender(ctx.actor, tenderRow);
      return all.find((v) => v.id === id) ?? view(ctx.actor, spo, tender, access);
    },

    async linkRequests(actor: Actor, status?: string) {
      const providerIds = actor.kind === 'person' ? [...actor.memberships.keys()] : [];
      const rows = await repo.linkRequests(providerIds, PROVIDER_VISIBLE_STATUSES, status);
      // The same capacity check the supplier and the buyer see, line by line.
      const exceeded = new Set<string>();
      const lines = await repo.lines([...new Set(rows.map((r) => r.spo_id))]);
      for (const spoId of new Set(lines.map((l) => l.spo_id))) {
        for (const l of await lineViews(
          spoId,
          lines.filter((x) => x.spo_id === spoId),
        ))
          if (l.capacityExceeded) exceeded.add(l.id);
      }
      return {
        items: rows.map((r) => presentLinkRequest(r, exceeded.has(r.line_id))),
      };
    },

    /** The link-up requests of each provider organisation the person belongs to, counted. */
    async linkRequestCounts(actor: PersonActor): Promise<LinkRequestCounts> {
      const rows = await repo.linkRequestCounts(
        [...actor.memberships.keys()],
        PROVIDER_VISIBLE_STATUSES,
      );
      return { items: rows.map(presentLinkRequestCount) };
    },

    /**
     * The SPOs of the suppliers the person belongs to, in any status (theirs in full, so
     * nobody else's), with how many there are in each status.
     */
    async mine(
      actor: PersonActor,
      q: { status?: SpoStatus | undefined; page: number; pageSize: number },
    ): Promise<MySpoPage> {
      const suppliers = [...actor.memberships.keys()];
      const { rows, total } = await repo.ofSuppliers(suppliers, q.status, q.page, q.pageSize);
      const counts = await repo.statusCounts(suppliers);
      return {
        items: rows.map(presentMySpo),
        page: q.page,
        pageSize: q.pageSize,
        total,
        byStatus: Object.fromEntries(
          SpoStatuses.map((status) => [status, counts.get(status) ?? 0]),
        ) as Record<SpoStatus, number>,
      };
    },

    async supporters(activityId: string) {
      const rows = await repo.supporters(activityId);
      return {
        items: rows.map(presentSupporter),
      };
    },
  };
}

export type SposService = ReturnType<typeof createSposService>;
