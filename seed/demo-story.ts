import type { OrganisationCreate } from '@shared/schemas/accounts';
import { ActivityListQuery, type ActivitySummary } from '@shared/schemas/activities';
import {
  TenderPriorities,
  type DeliverySite,
  type TenderPrioritiesInput,
} from '@shared/schemas/matching';
import type { ReportResponseInput } from '@shared/schemas/delivery';
import { SpoLineInput, TenderCreate, type TenderCreateInput } from '@shared/schemas/tenders';
import { createRepos, unitOfWork, type ServiceDeps } from '../server/src/composition';
import type { DatabaseHandle } from '../server/src/db/client';
import { createActivitiesService } from '../server/src/features/activities/activities.service';
import { createCoverageService } from '../server/src/features/coverage/coverage.service';
import { createDeliveryService } from '../server/src/features/delivery/delivery.service';
import { createSposService } from '../server/src/features/spos/spos.service';
import type { TendersRepo } from '../server/src/features/tenders/tenders.repo';
import { createTendersService } from '../server/src/features/tenders/tenders.service';
import type { RequestContext } from '../server/src/lib/actor';
import { DomainEvents } from '../server/src/lib/domain-events';
import {
  DEMO_ACCOUNTS,
  DEMO_PROVIDER_NAME,
  DEMO_SUPPLIER_NAME,
  DEMO_TENDER_REFERENCE,
} from './demo-accounts';

/**
 * The demo's story, so that a first start can be followed to its end: per demo buyer, an
 * earlier contract already awarded (so coverage, supporters and figures are not £0) and a
 * tender closed with several sealed bids ready to evaluate; and link-up requests waiting for
 * the demo provider on the open tender. Everything goes through the real services (the
 * bids are built, accepted by their providers and sealed as a supplier's would be); only the
 * passing of time is the seed's own: a tender closes once its bids are sealed.
 */

/**
 * Whom the story's audit entries name: the demo seed, acting for a demo organisation, never
 * a person (the demo people did none of it).
 */
export const DEMO_SEED_ACTOR_ID = 'de300000-0000-4000-8000-000000000000';

/** The demo suppliers that bid beside the demo supplier account's; nobody belongs to them. */
export const DEMO_BIDDERS: OrganisationCreate[] = [
  {
    kind: 'supplier',
    name: 'Kennet Fleet Services Ltd (demo)',
    registeredId: 'GB-COH-00000002',
    territories: ['E23000029'],
  },
  {
    kind: 'supplier',
    name: 'Chiltern Engineering Group (demo)',
    registeredId: 'GB-COH-00000003',
    territories: ['E23000029', 'E23000001'],
  },
];
const [KENNET, CHILTERN] = DEMO_BIDDERS.map((b) => b.name) as [string, string];

/**
 * A line of a demo bid, on the `index`th active activity (by title, wrapping round) of the
 * demo provider account (`own`) or of the other demo providers in the tender's territory.
 */
type DemoLine = { on: 'own' | 'local'; index: number } & (
  | { kind: 'cash'; annualPence: number }
  | { kind: 'in_kind'; annualPence: number; description: string }
  | { kind: 'volunteering'; annualHours: number }
  | { kind: 'measure'; measure: { code: string }; annualQuantity: string }
);

interface DemoBid {
  supplier: string;
  lines: DemoLine[];
}

interface DemoTender {
  tender: Omit<TenderCreateInput, 'territories' | 'closesAt' | 'startDate' | 'priorities'> & {
    startInDays: number;
  };
  /** Its local priorities, beside the focus on Oxford (`demoTenderPriorities`). */
  priorities: Omit<TenderPrioritiesInput, 'focusAreas'>;
  bids: DemoBid[];
  /** The supplier whose bid wins, if this tender is awarded. */
  winner?: string;
}

const cash = (on: 'own' | 'local', index: number, pounds: number): DemoLine => ({
  on,
  index,
  kind: 'cash',
  annualPence: pounds * 100,
});

/** Thames Valley Police's headquarters, where the demo contracts are run from. */
const KIDLINGTON: DeliverySite['location'] = { lon: -1.2896, lat: 51.8226 };

/** Oxford, the district of Thames Valley the demo tenders focus on. */
const DEMO_FOCUS_DISTRICT = 'E07000178';

/**
 * A demo tender's local priorities, focused on Oxford when the districts are loaded (they
 * come with the need data; a database without them gets no focus area rather than a code
 * nobody can read).
 */
export async function demoTenderPriorities(
  tenders: Pick<TendersRepo, 'placeFocusAreas'>,
  priorities: Omit<TenderPrioritiesInput, 'focusAreas'>,
): Promise<TenderPriorities> {
  const oxford = { kind: 'lad' as const, code: DEMO_FOCUS_DISTRICT };
  const known = (await tenders.placeFocusAreas([oxford])).size > 0;
  return TenderPriorities.parse({ ...priorities, focusAreas: known ? [oxford] : [] });
}

/** Awarded earlier: its winner's lines are what the coverage view shows on a first start. */
const AWARDED: DemoTender = {
  tender: {
    title: 'Police estate facilities management (demo)',
    reference: 'TVP-DEMO-002',
    description:
      'Demo data: cleaning, maintenance and security of police stations across Thames Valley. ' +
      'Awarded: the winning SPO’s commitments show on the coverage map, and what it has ' +
      'delivered in its first contract years on the contract’s delivery page.',
    annualValuePence: 120_000_000,
    durationYears: 3,
    // Under way for 400 days: its first contract year is past due, its second has started.
    startInDays: -400,
    baselinePencePerMillion: 500_000,
    midPencePerMillion: 750_000,
    higherAmbitionPencePerMillion: 1_000_000,
    weightingPct: 10,
  },
  priorities: {
    themes: ['safer'],
    groups: ['care_leavers', 'young_people_at_risk'],
    deliverySites: [{ label: 'Police headquarters, Kidlington', location: KIDLINGTON }],
  },
  bids: [
    {
      supplier: DEMO_SUPPLIER_NAME,
      lines: [
        { on: 'own', index: 0, kind: 'volunteering', annualHours: 200 },
        cash('own', 1, 4_000),
        cash('local', 0, 3_500),
        {
          on: 'local',
          index: 1,
          kind: 'in_kind',
          annualPence: 150_000,
          description: 'Servicing and MOT for the minibus (demo)',
        },
      ],
    },
    { supplier: CHILTERN, lines: [cash('local', 2, 6_500)] },
  ],
  winner: DEMO_SUPPLIER_NAME,
};

/** Closed, its bids sealed: below the baseline, at it and in the mid band, to evaluate. */
const TO_EVALUATE: DemoTender = {
  tender: {
    title: 'Fleet maintenance and vehicle recovery (demo)',
    reference: 'TVP-DEMO-003',
    description:
      'Demo data: servicing, repair and recovery of the force’s 1,200 vehicles. Closed: ' +
      'three sealed SPOs wait for the buyer to evaluate them and award the contract.',
    annualValuePence: 200_000_000,
    durationYears: 4,
    startInDays: 90,
    baselinePencePerMillion: 500_000,
    midPencePerMillion: 750_000,
    higherAmbitionPencePerMillion: 1_000_000,
    weightingPct: 10,
  },
  priorities: {
    themes: ['safer', 'more_resilient'],
    groups: ['care_leavers', 'ex_offenders'],
    measures: [{ code: 'NT5' }],
    deliverySites: [{ label: 'Vehicle workshop, Kidlington', location: KIDLINGTON }],
  },
  bids: [
    {
      supplier: DEMO_SUPPLIER_NAME,
      lines: [
        cash('own', 2, 5_000),
        cash('local', 3, 4_000),
        cash('local', 4, 3_000),
        { on: 'own', index: 0, kind: 'volunteering', annualHours: 300 },
      ],
    },
    {
      supplier: KENNET,
      lines: [
        cash('local', 5, 5_000),
        cash('local', 6, 5_000),
        {
          on: 'local',
          index: 7,
          kind: 'in_kind',
          annualPence: 400_000,
          description: 'Loan of two vans for food deliveries (demo)',
        },
        cash('own', 1, 3_000),
        {
          on: 'local',
          index: 5,
          kind: 'measure',
          measure: { code: 'NT10' },
          annualQuantity: '52',
        },
      ],
    },
    // Pledged to an activity of the demo supplier's bid too: the evaluation flags it.
    { supplier: CHILTERN, lines: [cash('local', 3, 4_500), cash('local', 8, 3_000)] },
  ],
};

/** Still being built on the open demo tender: requests waiting for the demo provider. */
const WAITING: DemoBid = {
  supplier: KENNET,
  lines: [cash('own', 3, 2_500), { on: 'own', index: 4, kind: 'volunteering', annualHours: 120 }],
};

const TERRITORY = 'E23000029';

/** The demo seed acting as a member of these organisations, for the services' checks. */
function actingFor(...organisationIds: string[]): RequestContext {
  return actingAs(DEMO_SEED_ACTOR_ID, ...organisationIds);
}

/**
 * A demo person acting for these organisations: delivery reports and answers are signed by
 * a person (the database keeps who), so the demo's are the demo accounts'.
 */
function actingAs(personId: string, ...organisationIds: string[]): RequestContext {
  return {
    actor: {
      kind: 'person',
      personId,
      isAdmin: false,
      memberships: new Map(organisationIds.map((id) => [id, 'owner' as const])),
      actingFor: organisationIds[0] ?? null,
      sessionId: 'demo-seed',
    },
    requestId: 'demo-seed',
  };
}

/** The services the story uses, built as the composition root builds them. */
function storyServices(database: DatabaseHandle, ocidPrefix: string) {
  const deps: ServiceDeps = { repos: createRepos(database.db), uow: unitOfWork(database.db) };
  // Nobody listens: the events go out through the outbox once the server runs.
  const events = new DomainEvents();
  const coverage = createCoverageService(deps);
  const tenders = createTendersService(deps, { ocidPrefix, coverage }, events);
  return {
    repos: deps.repos,
    activities: createActivitiesService(deps, coverage, events),
    spos: createSposService(deps, events),
    tenders,
    delivery: createDeliveryService(deps, events, { tenders }),
  };
}
type StoryServices = ReturnType<typeof storyServices>;

/** The day `days` from now, as a contract's start date. */
const dayFrom = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Noon in London (GMT or BST) on the day `days` from now: a closing time people read at a glance. */
export function londonNoonIn(days: number): string {
  const utcNoon = new Date(`${dayFrom(days)}T12:00:00Z`);
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(utcNoon),
  );
  return new Date(utcNoon.getTime() - (londonHour - 12) * 3_600_000).toISOString();
}

/** Active activities in the territory, by title: the demo provider's own, and the others'. */
async function activitiesFor(s: StoryServices, ownProviderId: string | undefined) {
  const { items } = await s.activities.list(
    ActivityListQuery.parse({ territory: TERRITORY, status: 'active', pageSize: '100' }),
  );
  const own = items.filter((a) => a.provider.id === ownProviderId);
  const local = items.filter((a) => a.provider.id !== ownProviderId);
  return { own: own.length > 0 ? own : local, local };
}

/** Builds a supplier's SPO on an open tender, its providers answering each line; not sealed. */
async function buildBid(
  s: StoryServices,
  tenderId: string,
  supplierId: string,
  bid: DemoBid,
  pool: { own: ActivitySummary[]; local: ActivitySummary[] },
  accept: boolean,
): Promise<string> {
  const supplier = actingFor(supplierId);
  const tenderRow = await s.tenders.visible(supplier.actor, tenderId);
  const spo = await s.spos.create(supplier, tenderRow, supplierId);
  for (const line of bid.lines) {
    const { on, index, ...commitment } = line;
    const list = pool[on];
    const activity = list[index % list.length]!;
    const view = await s.spos.addLine(
      supplier,
      await s.spos.load(supplier.actor, spo.id),
      SpoLineInput.parse({ ...commitment, activityId: activity.id }),
    );
    if (!accept) continue;
    const provider = actingFor(activity.provider.id);
    await s.spos.respond(
      provider,
      await s.spos.load(provider.actor, spo.id),
      view.lines.at(-1)!.id,
      'accepted',
      'Demo: accepted for the demonstration.',
    );
  }
  return spo.id;
}

/** A tender published, bid on, sealed, closed and (if it has a winner) awarded. */
async function tellTender(
  s: StoryServices,
  buyerId: string,
  suppliers: Map<string, string>,
  pool: { own: ActivitySummary[]; local: ActivitySummary[] },
  story: DemoTender,
): Promise<string | undefined> {
  const buyer = actingFor(buyerId);
  const { startInDays, ...fields } = story.tender;
  const draft = await s.tenders.create(
    buyer,
    buyerId,
    TenderCreate.parse({
      ...fields,
      territories: [TERRITORY],
      priorities: await demoTenderPriorities(s.repos.tenders, story.priorities),
      startDate: dayFrom(startInDays),
      // Open long enough to take its bids; it closes as soon as they are sealed.
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  );
  await s.tenders.transition(buyer, await s.tenders.visible(buyer.actor, draft.id), 'open');
  const sealed = new Map<string, string>();
  for (const bid of story.bids) {
    const supplierId = suppliers.get(bid.supplier)!;
    const spoId = await buildBid(s, draft.id, supplierId, bid, pool, true);
    const supplier = actingFor(supplierId);
    await s.spos.submit(supplier, await s.spos.load(supplier.actor, spoId));
    sealed.set(bid.supplier, spoId);
  }
  const closedAt = await s.repos.tenders.closeNow(draft.id);
  // The award checks the closing time on this process's clock, the close used the database's.
  for (let waited = 0; Date.now() <= closedAt.getTime() && waited < 5_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!story.winner) return undefined;
  const winner = sealed.get(story.winner)!;
  await s.tenders.award(buyer, await s.tenders.visible(buyer.actor, draft.id), winner);
  return winner;
}

/**
 * What the awarded contract's supplier has reported delivered, and the demo provider's
 * answers on its own lines: a year's cash confirmed, volunteering hours confirmed in part,
 * this year's payment disputed; on other providers' lines, reports awaiting an answer, one of
 * them corrected (its first report kept, superseded).
 */
async function tellDelivery(
  s: StoryServices,
  spoId: string,
  supplierId: string,
  providerId: string | undefined,
): Promise<void> {
  const supplierPerson = await s.repos.notifications.personByEmail('supplier@demo.test');
  const providerPerson = await s.repos.notifications.personByEmail('provider@demo.test');
  if (!supplierPerson) return;
  const supplier = actingAs(supplierPerson.id, supplierId);
  const loaded = await s.delivery.load(supplier.actor, spoId);
  const lineOf = (kind: string, own: boolean) =>
    loaded.lines.find((l) => l.kind === kind && (l.activity.providerId === providerId) === own);
  const send = (
    lineId: string,
    period: number,
    amount: string,
    note: string,
    supersedes?: string,
  ) =>
    s.delivery.report(supplier, loaded, {
      lineId,
      period,
      amount,
      evidenceNote: `Demo: ${note}`,
      evidenceLinks: [],
      ...(supersedes ? { supersedes } : {}),
    });

  const ownCash = lineOf('cash', true);
  const ownHours = lineOf('volunteering', true);
  const answers: [string, ReportResponseInput][] = [];
  if (ownCash) {
    const paid = await send(ownCash.id, 1, '400000', 'year 1 paid by bank transfer.');
    answers.push([paid.id, { decision: 'confirmed', comment: 'Demo: received, thank you.' }]);
    const early = await send(ownCash.id, 2, '200000', 'half of year 2 paid early.');
    answers.push([
      early.id,
      { decision: 'disputed', comment: 'Demo: nothing has arrived for year 2 yet.' },
    ]);
  }
  if (ownHours) {
    const hours = await send(ownHours.id, 1, '200', 'staff volunteering, year 1.');
    answers.push([
      hours.id,
      {
        decision: 'part_confirmed',
        confirmedAmount: '150',
        comment: 'Demo: our sign-in sheets show 150 hours.',
      },
    ]);
  }
  const localCash = lineOf('cash', false);
  if (localCash) await send(localCash.id, 1, '350000', 'year 1 paid by bank transfer.');
  const inKind = lineOf('in_kind', false);
  if (inKind) {
    const first = await send(inKind.id, 1, '120000', 'minibus serviced.');
    await send(inKind.id, 1, '150000', 'minibus serviced and its MOT done.', first.id);
  }
  if (!providerPerson || !providerId) return;
  const provider = actingAs(providerPerson.id, providerId);
  for (const [reportId, answer] of answers) await s.delivery.answer(provider, reportId, answer);
}

/** The demo suppliers that bid, by name, created (verified, labelled demo) if missing. */
async function demoSuppliers(s: StoryServices): Promise<Map<string, string> | undefined> {
  const ids = new Map<string, string>();
  const own = await s.repos.organisations.findByName(DEMO_SUPPLIER_NAME);
  if (!own) return undefined;
  ids.set(DEMO_SUPPLIER_NAME, own.id);
  for (const bidder of DEMO_BIDDERS) {
    const found = await s.repos.organisations.findByName(bidder.name);
    ids.set(
      bidder.name,
      found?.id ??
        (await s.repos.organisations.insert({ ...bidder, isDemo: true, verified: true })),
    );
  }
  return ids;
}

/**
 * Tells the demo's story for each demo buyer that has not got it yet (see above); needs the
 * demo accounts and a demo catalogue with activities in Thames Valley. Answers how many
 * buyers got it. Run after `seedDemoActivitiesIfEmpty` and `seedDemoTenderIfEmpty`.
 */
export async function seedDemoStoryIfEmpty(
  database: DatabaseHandle,
  ocidPrefix: string,
): Promise<number> {
  const s = storyServices(database, ocidPrefix);
  const provider = await s.repos.organisations.findByName(DEMO_PROVIDER_NAME);
  const pool = await activitiesFor(s, provider?.id);
  if (pool.local.length === 0) return 0;
  const suppliers = await demoSuppliers(s);
  if (!suppliers) return 0;
  let told = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (account.organisation?.kind !== 'buyer') continue;
    const buyer = await s.repos.organisations.findByName(account.organisation.name);
    if (!buyer) continue;
    const ofBuyer = (q: string) =>
      s.repos.tenders.list({ buyer: buyer.id, q }, [buyer.id], 1, 1).then((r) => r.total);
    if ((await ofBuyer(TO_EVALUATE.tender.reference)) > 0) continue;
    const awarded = await tellTender(s, buyer.id, suppliers, pool, AWARDED);
    if (awarded) await tellDelivery(s, awarded, suppliers.get(AWARDED.winner!)!, provider?.id);
    await tellTender(s, buyer.id, suppliers, pool, TO_EVALUATE);
    const open = await s.repos.tenders.list(
      { buyer: buyer.id, q: DEMO_TENDER_REFERENCE, status: 'open' },
      [buyer.id],
      1,
      1,
    );
    const openId = open.rows[0]?.id;
    if (openId) await buildBid(s, openId, suppliers.get(WAITING.supplier)!, WAITING, pool, false);
    told += 1;
  }
  return told;
}
