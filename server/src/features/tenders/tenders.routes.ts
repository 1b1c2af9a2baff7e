import type { RequestHandler } from 'express';
import { IdParams, page } from '@shared/schemas/accounts';
import {
  AwardRequest,
  MyTenderListQuery,
  MyTenderPage,
  SpoCreate,
  SpoView,
  TenderCreate,
  TenderListQuery,
  TenderTransition,
  TenderUpdate,
  TenderView,
} from '@shared/schemas/tenders';
import { z } from 'zod';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { AppError } from '../../lib/app-error';
import { authorize, requirePerson } from '../../lib/policy';
import type { SposService } from '../spos/spos.service';
import { mayTender } from './tenders.policy';
import type { TenderRow } from './tenders.repo';
import type { TendersService } from './tenders.service';

const TenderPage = page(TenderView);

/**
 * `/api/tenders`: published tenders are public; the buyer's members run them, and find
 * their own at `/api/me/tenders`.
 */
export function tendersRoutes(
  table: RouteTable,
  service: TendersService,
  spos: SposService,
  idempotent: RequestHandler,
) {
  const r = table.router('/tenders');

  const signedIn: RequestHandler = (_req, res, next) => {
    requirePerson(context(res).actor);
    next();
  };
  /** Loads the tender the actor may see (404 otherwise) and, if asked, checks it is theirs. */
  const tender =
    (manage: boolean): RequestHandler =>
    async (_req, res, next) => {
      const ctx = context(res);
      const row = await service.visible(ctx.actor, parsed(res, 'params', IdParams).id);
      if (manage)
        authorize(ctx.actor, mayTender(ctx.actor, 'manage', row.buyer_id), 'run this tender');
      res.locals.tender = row;
      next();
    };
  const loaded = (res: { locals: Record<string, unknown> }) => res.locals.tender as TenderRow;

  r.get('/', { response: TenderPage }, validate('query', TenderListQuery), async (_req, res) => {
    res.json(await service.list(context(res).actor, parsed(res, 'query', TenderListQuery)));
  });

  r.post(
    '/',
    { response: TenderView, status: 201 },
    signedIn,
    validate('body', TenderCreate),
    // Authorised before the idempotency key: a stored answer is never replayed to a person
    // who may no longer publish for the buyer.
    async (_req, res, next) => {
      const actor = requirePerson(context(res).actor);
      const input = parsed(res, 'body', TenderCreate);
      const buyerId = input.buyerId ?? actor.actingFor;
      if (!buyerId) {
        throw new AppError('validation_failed', 400, 'Say which buyer publishes this tender', [
          { path: 'buyerId', message: 'choose the buyer organisation you act for' },
        ]);
      }
      authorize(
        actor,
        mayTender(actor, 'create', buyerId),
        'publish tenders for this organisation',
      );
      if (!(await service.isBuyer(buyerId)))
        throw new AppError('forbidden', 403, 'Only buyer organisations publish tenders');
      res.locals.buyerId = buyerId;
      next();
    },
    idempotent,
    async (_req, res) => {
      const input = parsed(res, 'body', TenderCreate);
      res.status(201).json(await service.create(context(res), res.locals.buyerId as string, input));
    },
  );

  r.get(
    '/:id',
    { response: TenderView },
    validate('params', IdParams),
    tender(false),
    async (_req, res) => {
      res.json(await service.get(context(res).actor, loaded(res).id));
    },
  );

  r.patch(
    '/:id',
    { response: TenderView },
    validate('params', IdParams),
    tender(true),
    validate('body', TenderUpdate),
    async (_req, res) => {
      res.json(await service.update(context(res), loaded(res), parsed(res, 'body', TenderUpdate)));
    },
  );

  r.post(
    '/:id/transition',
    { response: TenderView },
    validate('params', IdParams),
    tender(true),
    validate('body', TenderTransition),
    async (_req, res) => {
      const { status, reason } = parsed(res, 'body', TenderTransition);
      res.json(await service.transition(context(res), loaded(res), status, reason));
    },
  );

  r.get(
    '/:id/spos',
    { response: z.array(SpoView) },
    validate('params', IdParams),
    tender(false),
    async (_req, res) => {
      res
        .set('Cache-Control', 'no-store')
        .json(await spos.forTender(context(res).actor, loaded(res)));
    },
  );

  r.post(
    '/:id/spos',
    { response: SpoView, status: 201 },
    validate('params', IdParams),
    signedIn,
    tender(false),
    validate('body', SpoCreate),
    (_req, res, next) => {
      const actor = requirePerson(context(res).actor);
      const supplierId = parsed(res, 'body', SpoCreate).supplierId ?? actor.actingFor;
      if (!supplierId) {
        throw new AppError('validation_failed', 400, 'Say which supplier this SPO is for', [
          { path: 'supplierId', message: 'choose the supplier organisation you act for' },
        ]);
      }
      authorize(actor, actor.memberships.has(supplierId), 'prepare SPOs for this organisation');
      res.locals.supplierId = supplierId;
      next();
    },
    idempotent,
    async (_req, res) => {
      res
        .status(201)
        .json(await spos.create(context(res), loaded(res), res.locals.supplierId as string));
    },
  );

  r.post(
    '/:id/award',
    { response: TenderView },
    validate('params', IdParams),
    tender(true),
    validate('body', AwardRequest),
    async (_req, res) => {
      const { spoId, contractStart, contractEnd } = parsed(res, 'body', AwardRequest);
      await service.award(context(res), loaded(res), spoId, contractStart, contractEnd);
      res.json(await service.get(context(res).actor, loaded(res).id));
    },
  );

  const mine = table.router('/me');
  mine.get(
    '/tenders',
    { response: MyTenderPage },
    validate('query', MyTenderListQuery),
    async (_req, res) => {
      const actor = requirePerson(context(res).actor);
      res
        .set('Cache-Control', 'no-store')
        .json(await service.mine(actor, parsed(res, 'query', MyTenderListQuery)));
    },
  );

  return { tenders: r.router, mine: mine.router };
}
