/**
 * The award use case with stand-in repositories and a stand-in coverage service: fast, and
 * about the rules alone. The same award on a real database is in the integration suite.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { OutboxMessage } from '@shared/events';
import type { Repos, ServiceDeps, UnitOfWork } from '../../../server/src/composition';
import type { CoverageService } from '../../../server/src/features/coverage/coverage.service';
import type { SpoRow } from '../../../server/src/features/spos/spos.repo';
import type { TenderRow } from '../../../server/src/features/tenders/tenders.repo';
import { createTendersService } from '../../../server/src/features/tenders/tenders.service';
import type { RequestContext } from '../../../server/src/lib/actor';
import { AppError } from '../../../server/src/lib/app-error';
import { DomainEvents } from '../../../server/src/lib/domain-events';

const TENDER = '0b9e7c52-1d4f-4a3b-8c2e-5f6a7b8c9d0e';
const SPO = '6f1c2a1e-8f1d-4b0e-9a52-2f1d3c4b5a69';
const BUYER = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const ctx: RequestContext = {
  requestId: 'r1',
  actor: {
    kind: 'person',
    personId: 'p1',
    isAdmin: false,
    memberships: new Map([[BUYER, 'owner']]),
    actingFor: BUYER,
    sessionId: 's1',
  },
};

const hourAgo = () => new Date(Date.now() - 3_600_000);
const tender = (overrides: Partial<TenderRow> = {}) =>
  ({
    id: TENDER,
    buyer_id: BUYER,
    status: 'open',
    closes_at: hourAgo(),
    start_date: '2027-04-01',
    duration_years: 3,
    territories: [{ code: 'E23000029' }],
    ...overrides,
  }) as unknown as TenderRow;
const spo = (overrides: Partial<SpoRow> = {}) =>
  ({
    id: SPO,
    tender_id: TENDER,
    supplier_id: SUPPLIER,
    status: 'submitted',
    ...overrides,
  }) as SpoRow;

/** What the stand-in database holds: what committed, and what the award's transaction did. */
let committed: { outbox: OutboxMessage[]; audit: unknown[]; awards: unknown[] };
let stored: SpoRow | undefined;
let tenderStillOpen: boolean;
let notified: number;
let service: ReturnType<typeof createTendersService>;

beforeEach(() => {
  committed = { outbox: [], audit: [], awards: [] };
  stored = spo();
  tenderStillOpen = true;
  notified = 0;
  /** A transaction: its writes are kept only if the work finishes without throwing. */
  const uow: UnitOfWork = async (work) => {
    const staged: typeof committed = { outbox: [], audit: [], awards: [] };
    const tx = {
      tenders: { markAwarded: async () => tenderStillOpen },
      spos: {
        award: async (...args: unknown[]) => {
          staged.awards.push(args);
          return true;
        },
      },
      outbox: { write: async (m: OutboxMessage[]) => void staged.outbox.push(...m) },
      audit: { record: async (e: unknown) => void staged.audit.push(e) },
    } as unknown as Repos;
    const result = await work(tx);
    committed.outbox.push(...staged.outbox);
    committed.audit.push(...staged.audit);
    committed.awards.push(...staged.awards);
    return result;
  };
  const repos = { spos: { findById: async () => stored } } as unknown as Repos;
  const coverage = {
    activitiesOfSpo: async () => ['a1', 'a2'],
    snapshot: async (_tx: unknown, ids: string[]) => ({ ids, before: [] }),
    record: async () => ['E23000029', 'E23000030'],
  } as unknown as CoverageService;
  const events = new DomainEvents();
  events.on('outbox.written', () => (notified += 1));
  const deps: ServiceDeps = { repos, uow };
  service = createTendersService(deps, { ocidPrefix: 'ocds-ia0000', coverage }, events);
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('awarding a tender', () => {
  it('awards the SPO for the contract term and announces it to each territory and the buyer', async () => {
    await service.award(ctx, tender(), SPO);
    expect(committed.awards).toEqual([[TENDER, SPO, '2027-04-01', '2030-03-31']]);
    expect(committed.outbox).toEqual([
      {
        topic: 'spos.awarded',
        room: 'territory:E23000029',
        payload: { spoId: SPO, tenderId: TENDER, territory: 'E23000029' },
      },
      {
        topic: 'coverage.updated',
        room: 'territory:E23000029',
        payload: { territory: 'E23000029' },
      },
      {
        topic: 'spos.awarded',
        room: 'territory:E23000030',
        payload: { spoId: SPO, tenderId: TENDER, territory: 'E23000030' },
      },
      {
        topic: 'coverage.updated',
        room: 'territory:E23000030',
        payload: { territory: 'E23000030' },
      },
      {
        topic: 'tenders.awarded',
        room: `tender:${TENDER}`,
        payload: { tenderId: TENDER, spoId: SPO },
      },
    ]);
    expect(committed.audit).toEqual([
      expect.objectContaining({
        action: 'tenders.awarded',
        objectId: TENDER,
        organisationId: BUYER,
      }),
    ]);
    expect(notified).toBe(1);
  });

  it('starts the contract on the date the buyer gives', async () => {
    await service.award(ctx, tender(), SPO, '2028-01-15');
    expect(committed.awards).toEqual([[TENDER, SPO, '2028-01-15', '2031-01-14']]);
  });

  it.each(['cancelled', 'awarded'] as const)('refuses a tender that is %s', async (status) => {
    const error = await refusal(service.award(ctx, tender({ status }), SPO));
    expect([error.code, error.status]).toEqual(['tender_awarded', 409]);
    expect(committed.outbox).toEqual([]);
  });

  it('refuses before the closing time', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const error = await refusal(service.award(ctx, tender({ closes_at: later }), SPO));
    expect([error.code, error.status]).toEqual(['tender_not_closed', 409]);
  });

  it.each([
    ['does not exist', undefined],
    ['belongs to another tender', spo({ tender_id: '33333333-3333-4333-8333-333333333333' })],
    ['was withdrawn', spo({ status: 'withdrawn' })],
    ['is still a draft', spo({ status: 'draft' })],
  ])('refuses an SPO that %s, naming the field', async (_case, row) => {
    stored = row;
    const error = await refusal(service.award(ctx, tender(), SPO));
    expect([error.code, error.status]).toEqual(['validation_failed', 400]);
    expect(error.details).toEqual([expect.objectContaining({ path: 'spoId' })]);
    expect(committed.awards).toEqual([]);
  });

  it('writes nothing and announces nothing when another award got there first', async () => {
    tenderStillOpen = false;
    const error = await refusal(service.award(ctx, tender(), SPO));
    expect([error.code, error.status]).toEqual(['tender_awarded', 409]);
    expect(committed).toEqual({ outbox: [], audit: [], awards: [] });
    expect(notified).toBe(0);
  });
});
