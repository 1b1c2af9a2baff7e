import { createHash } from 'node:crypto';
import { rooms } from '@shared/events';
import type { Kysely } from 'kysely';
import type { Confidence, CostArea, Impact } from '@shared/schemas/activities';
import type {
  SpoFigures,
  SpoLineInput,
  SpoLineView,
  SpoView,
  TenderView,
} from '@shared/schemas/tenders';
import {
  bandOf,
  meetsRate,
  proxyValuePence,
  ratePerMillionPence,
  scores,
} from '@shared/social-value';
import type { Database } from '../../db/schema';
import type { Actor, RequestContext } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { DomainEvents } from '../../lib/domain-events';
import { createAuditRepo } from '../audit/audit.repo';
import { createCoverageRepo } from '../coverage/coverage.repo';
import { createOutboxRepo } from '../outbox/outbox.repo';
import { auditEntry } from '../audit/audit.service';
import { presentTender } from '../tenders/tenders.presenter';
import { createTendersRepo, type TenderRow } from '../tenders/tenders.repo';
import { PROVIDER_VISIBLE_STATUSES, spoAccess, type SpoAccess } from './spos.policy';
import { createSposRepo, type LineRow, type SposRepo, type SpoRow } from './spos.repo';

const STARTER = 'national-toms-starter';
/** Money given is valued as NT28 (donations and in-kind, £1 a £1), hours as NT29. */
const MONEY_MEASURE = 'NT28';
const HOURS_MEASURE = 'NT29';

const spoNotFound = () => new AppError('spo_not_found', 404, 'No SPO has this id');

interface Sealed {
  lines: SpoLineView[];
  figures: SpoFigures;
}

const isClosed = (t: TenderRow) => new Date(t.closes_at).getTime() <= Date.now();
/** Closed for evaluation: past its closing time and not cancelled. */
const isEvaluable = (t: TenderRow) => isClosed(t) && t.status !== 'cancelled';

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

/** SPOs: drafted by suppliers, confirmed line by line by providers, sealed, scored, awarded. */
export function createSposService(db: Kysely<Database>, events: DomainEvents) {
  const repo = createSposRepo(db);
  const tenders = createTendersRepo(db);

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
    return rows.map((r): SpoLineView => {
      const money = r.annual_pence === null ? null : Number(r.annual_pence);
      let annualProxyPence = 0;
      if (r.kind === 'measure' && r.proxy_value_gbp && r.annual_quantity)
        annualProxyPence = proxyValuePence(r.annual_quantity, r.proxy_value_gbp);
      else if (r.kind === 'volunteering' && proxies.has(HOURS_MEASURE))
        annualProxyPence = proxyValuePence(r.annual_hours ?? 0, proxies.get(HOURS_MEASURE)!);
      else if (money !== null && proxies.has(MONEY_MEASURE))
        annualProxyPence = proxyValuePence(money / 100, proxies.get(MONEY_MEASURE)!);
      const capacity = Number(r.capacity_pence);
      const remaining = capacity - (held.get(r.activity_id) ?? 0);
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
        annualPence: money,
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
        annualProxyPence,
        status: r.status,
        providerNote: r.provider_note,
        // A capacity of 0 is one the provider has not stated: nothing to hold a pledge against.
        capacityExceeded:
          capacity > 0 && money !== null && (asked.get(r.activity_id) ?? 0) > remaining,
      };
    });
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
      content: JSON.parse(v.content) as Sealed,
      submittedAt: new Date(v.submitted_at).toISOString(),
      hash: v.content_hash,
      version: v.version,
    };
  }

  /** Loads an SPO and what this actor may see of it; 404 when nothing. */
  async function load(actor: Actor, id: string) {
    const spo = await repo.findById(id);
    if (!spo) throw spoNotFound();
    const tenderRow = (await tenders.findById(spo.tender_id))!;
    const lineRows = await repo.lines([spo.id]);
    const access = spoAccess(
      actor,
      { status: spo.status, supplierId: spo.supplier_id },
      { buyerId: tenderRow.buyer_id, closed: isEvaluable(tenderRow) },
      [...new Set(lineRows.map((l) => l.provider_id))],
    );
    if (access === 'none') throw spoNotFound();
    return { spo, tenderRow, tender: presentTender(tenderRow), access };
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
    if (access === 'sealed') {
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
    const showStatus =
      access === 'full' && spo.status === 'submitted' && spo.draft_changed ? 'draft' : spo.status;
    return {
      id: spo.id,
      tenderId: spo.tender_id,
      supplier: { id: spo.supplier_id, name: spo.supplier_name, verified: spo.supplier_verified },
      status: showStatus,
      version: seal?.version ?? 0,
      submittedAt: seal?.submittedAt ?? null,
      contentHash: seal?.hash ?? null,
      credible: seesMark ? spo.credible : true,
      credibilityReason: seesMark ? spo.credibility_reason : '',
      flags: extra.flags ?? [],
      lines: body.lines,
      figures: body.figures,
      score: extra.score ?? null,
      awardedAt: spo.awarded_at ? new Date(spo.awarded_at).toISOString() : null,
      contractStart: spo.contract_start,
      contractEnd: spo.contract_end,
    };
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
  async function lockEditable(tx: Kysely<Database>, id: string): Promise<void> {
    const locked = await createSposRepo(tx).lockForChange(id);
    if (!locked) throw spoNotFound();
    refuseChange(locked.status, locked.tender_status === 'open' && locked.before_closing);
  }

  async function audit(
    ctx: RequestContext,
    tx: Kysely<Database>,
    spo: { id: string; supplier_id: string },
    action: string,
    summary: Record<string, unknown>,
  ) {
    await createAuditRepo(tx).record(
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
     * Refuses anyone but the SPO's supplier's members (404 when they may not even see it),
     * so that a stored answer is replayed only to someone who may still make the change.
     */
    async requireSupplier(actor: Actor, id: string): Promise<void> {
      const { access } = await load(actor, id);
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier changes its SPO');
    },

    async get(actor: Actor, id: string): Promise<SpoView> {
      const { spo, tender, access } = await load(actor, id);
      return view(actor, spo, tender, access);
    },

    async create(ctx: RequestContext, tenderRow: TenderRow, supplierId: string): Promise<SpoView> {
      if ((await tenders.organisationKind(supplierId))?.kind !== 'supplier')
        throw new AppError('forbidden', 403, 'Only supplier organisations submit SPOs');
      if (tenderRow.status !== 'open' || isClosed(tenderRow))
        throw new AppError('tender_not_open', 409, 'This tender is not open for SPOs');
      const id = await db.transaction().execute(async (tx) => {
        const txRepo = createSposRepo(tx);
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
      return this.get(ctx.actor, id);
    },

    async addLine(ctx: RequestContext, id: string, input: SpoLineInput): Promise<SpoView> {
      const { spo, tenderRow, access } = await load(ctx.actor, id);
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
      await db.transaction().execute(async (tx) => {
        const txRepo = createSposRepo(tx);
        await lockEditable(tx, id);
        await txRepo.addLine({
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
      });
      return this.get(ctx.actor, id);
    },

    async removeLine(ctx: RequestContext, id: string, lineId: string): Promise<SpoView> {
      const { spo, tenderRow, access } = await load(ctx.actor, id);
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier edits its SPO');
      requireEditable(spo, tenderRow);
      await db.transaction().execute(async (tx) => {
        const txRepo = createSposRepo(tx);
        await lockEditable(tx, id);
        if (!(await txRepo.deleteLine(id, lineId)))
          throw new AppError('line_not_found', 404, 'This SPO has no such line');
        await txRepo.markChanged(id);
        await audit(ctx, tx, spo, 'spos.line_removed', { line: lineId });
      });
      return this.get(ctx.actor, id);
    },

    /** A provider's answer to a link-up request on one of its activities. */
    async respond(
      ctx: RequestContext,
      id: string,
      lineId: string,
      decision: 'accepted' | 'declined',
      note: string,
    ): Promise<SpoView> {
      const { spo, tenderRow } = await load(ctx.actor, id);
      const line = await repo.lineProvider(id, lineId);
      if (!line) throw new AppError('line_not_found', 404, 'This SPO has no such line');
      if (!(ctx.actor.kind === 'person' && ctx.actor.memberships.has(line.provider_id)))
        // Another provider's line answers as if it did not exist.
        throw new AppError('line_not_found', 404, 'This SPO has no such line');
      requireEditable(spo, tenderRow);
      await db.transaction().execute(async (tx) => {
        await lockEditable(tx, id);
        await createSposRepo(tx).respond(lineId, decision, note);
        // Consent withdrawn from a submitted SPO ends that submission: it cannot be awarded
        // on a line the provider now refuses (the supplier may resubmit before closing).
        if (decision === 'declined') await createSposRepo(tx).unsubmit(id);
        await createAuditRepo(tx).record(
          auditEntry(ctx, {
            action: `spos.line_${decision}`,
            objectType: 'spo_line',
            objectId: lineId,
            organisationId: line.provider_id,
            summary: { spo: id, note },
          }),
        );
      });
      return this.get(ctx.actor, id);
    },

    /** Seals the live lines as a new version, if every line is accepted and the tender open. */
    async submit(ctx: RequestContext, id: string): Promise<SpoView> {
      const { spo, tenderRow, tender, access } = await load(ctx.actor, id);
      if (access !== 'full')
        throw new AppError('forbidden', 403, 'Only the supplier submits its SPO');
      requireEditable(spo, tenderRow);
      await db.transaction().execute(async (tx) => {
        const txRepo = createSposRepo(tx);
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
        await createOutboxRepo(tx).write([
          {
            topic: 'spos.submitted',
            room: rooms.org(spo.supplier_id),
            payload: { spoId: id, tenderId: tender.id, version },
          },
        ]);
      });
      events.emit('outbox.written');
      return this.get(ctx.actor, id);
    },

    async withdraw(ctx: RequestContext, id: string): Promise<SpoView> {
      const { spo, tenderRow, access } = await load(ctx.actor, id);
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
      await db.transaction().execute(async (tx) => {
        if (!(await createSposRepo(tx).withdraw(id)))
          throw new AppError(
            'spo_not_editable',
            409,
            'After the award an SPO can no longer be withdrawn',
          );
        await audit(ctx, tx, spo, 'spos.withdrawn', {});
      });
      return this.get(ctx.actor, id);
    },

    /** The tender's SPOs as this actor may see them; for its buyer after closing, scored. */
    async forTender(actor: Actor, tenderRow: TenderRow): Promise<SpoView[]> {
      const tender = presentTender(tenderRow);
      const isBuyer = actor.kind === 'person' && actor.memberships.has(tenderRow.buyer_id);
      const ids = await repo.idsOfTender(tenderRow.id, [
        'draft',
        'submitted',
        'withdrawn',
        'awarded',
        'not_awarded',
      ]);
      const visible: { spo: SpoRow; access: SpoAccess }[] = [];
      for (const { id } of ids) {
        try {
          const loaded = await load(actor, id);
          // A provider's view of its own lines belongs in its inbox, not in the tender's table.
          if (loaded.access !== 'ownLines')
            visible.push({ spo: loaded.spo, access: loaded.access });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'spo_not_found')) throw error;
        }
      }
      const views = await Promise.all(
        visible.map(({ spo, access }) => view(actor, spo, tender, access)),
      );
      if (!isBuyer || !isEvaluable(tenderRow)) return views;

      const submitted = views.filter((v) => v.status !== 'draft' && v.status !== 'withdrawn');
      const activityBids = new Map<string, number>();
      for (const v of submitted)
        for (const a of new Set(v.lines.map((l) => l.activity.id)))
          activityBids.set(a, (activityBids.get(a) ?? 0) + 1);
      const current = new Map(
        (await repo.lines(submitted.map((v) => v.id))).map((l) => [
          l.activity_id,
          l.activity_status,
        ]),
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
      id: string,
      credible: boolean,
      reason: string,
    ): Promise<SpoView> {
      const { spo, tenderRow, tender, access } = await load(ctx.actor, id);
      const isBuyer = ctx.actor.kind === 'person' && ctx.actor.memberships.has(tenderRow.buyer_id);
      if (!isBuyer || access !== 'sealed') throw spoNotFound();
      if (!credible && reason.trim() === '') {
        throw new AppError('validation_failed', 400, 'Say why the SPO is not credible', [
          { path: 'reason', message: 'is required when marking an SPO not credible' },
        ]);
      }
      await db.transaction().execute(async (tx) => {
        await createSposRepo(tx).setCredibility(id, credible, reason);
        await createAuditRepo(tx).record(
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

    /** Records the buyer's decision: one winner, public; the rest not awarded, private. */
    async award(
      ctx: RequestContext,
      tenderRow: TenderRow,
      spoId: string,
      contractStart?: string,
    ): Promise<void> {
      if (tenderRow.status === 'cancelled' || tenderRow.status === 'awarded')
        throw new AppError(
          'tender_awarded',
          409,
          `A tender that is ${tenderRow.status} cannot be awarded`,
        );
      if (!isClosed(tenderRow))
        throw new AppError('tender_not_closed', 409, 'A tender is awarded only after it closes');
      const spo = await repo.findById(spoId);
      if (!spo || spo.tender_id !== tenderRow.id || spo.status !== 'submitted') {
        throw new AppError('validation_failed', 400, 'Award to an SPO submitted to this tender', [
          { path: 'spoId', message: 'must be an SPO submitted to this tender' },
        ]);
      }
      const start = contractStart ?? tenderRow.start_date;
      const end = new Date(`${start}T00:00:00Z`);
      end.setUTCFullYear(end.getUTCFullYear() + tenderRow.duration_years);
      end.setUTCDate(end.getUTCDate() - 1);
      await db.transaction().execute(async (tx) => {
        if (!(await createTendersRepo(tx).markAwarded(tenderRow.id, spoId)))
          throw new AppError('tender_awarded', 409, 'This tender has already been awarded');
        const end10 = end.toISOString().slice(0, 10);
        if (!(await createSposRepo(tx).award(tenderRow.id, spoId, start, end10)))
          throw new AppError('validation_failed', 400, 'Award to an SPO submitted to this tender', [
            { path: 'spoId', message: 'must be an SPO submitted to this tender' },
          ]);
        const coverage = createCoverageRepo(tx);
        const touched = await coverage.territoriesOfAward(spoId);
        await coverage.refresh(touched);
        // Published after commit by the relay; a rolled-back award leaves none behind.
        await createOutboxRepo(tx).write(
          touched.flatMap((code) => [
            {
              topic: 'spos.awarded',
              room: `territory:${code}`,
              payload: { spoId, tenderId: tenderRow.id, territory: code },
            },
            { topic: 'coverage.updated', room: `territory:${code}`, payload: { territory: code } },
          ]),
        );
        await createAuditRepo(tx).record(
          auditEntry(ctx, {
            action: 'tenders.awarded',
            objectType: 'tender',
            objectId: tenderRow.id,
            organisationId: tenderRow.buyer_id,
            summary: { spo: spoId, supplier: spo.supplier_id, contractStart: start },
          }),
        );
      });
      events.emit('outbox.written');
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
        items: rows.map((r) => ({
          capacityExceeded: exceeded.has(r.line_id),
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
        })),
      };
    },

    async supporters(activityId: string) {
      const rows = await repo.supporters(activityId);
      return {
        items: rows.map((r) => ({
          spoId: r.spo_id,
          tenderId: r.tender_id,
          tenderTitle: r.tender_title,
          supplier: { id: r.supplier_id, name: r.supplier_name },
          awardedAt: r.awarded_at ? new Date(r.awarded_at).toISOString() : null,
          annualPence: Number(r.annual_pence),
        })),
      };
    },
  };
}

export type SposService = ReturnType<typeof createSposService>;
