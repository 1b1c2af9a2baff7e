import { ActivitySupporters } from '@shared/schemas/activities';
import type { RequestHandler, Response } from 'express';
import { IdParams } from '@shared/schemas/accounts';
import {
  CredibilityMark,
  LineResponse,
  LineStatus,
  LinkRequestCounts,
  LinkRequests,
  MySpoListQuery,
  MySpoPage,
  SpoLineInput,
  SpoView,
} from '@shared/schemas/tenders';
import { z } from 'zod';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { requirePerson } from '../../lib/policy';
import type { LoadedSpo, SposService } from './spos.service';

const LineParams = z.object({
  id: z.uuid({ error: 'is not a valid id' }),
  lineId: z.uuid({ error: 'is not a valid id' }),
});
const LinkRequestsQuery = z.object({
  status: LineStatus.optional(),
});

/**
 * `/api/spos/:id`, the providers' `/api/link-requests`, a supplier's own `/api/me/spos` and
 * activities' public supporters. An SPO the caller may not see answers 404, exactly as one
 * that does not exist.
 */
export function sposRoutes(table: RouteTable, service: SposService, idempotent: RequestHandler) {
  const r = table.router('/spos');
  const noStore = { 'Cache-Control': 'no-store' };
  // The SPO, its tender and the caller's access, loaded once for the whole request.
  const spo: RequestHandler = async (_req, res, next) => {
    const { id } = parsed(res, 'params', IdParams);
    res.locals.spo = await service.load(context(res).actor, id);
    next();
  };
  const loaded = (res: Response) => res.locals.spo as LoadedSpo;
  // Authorised before the idempotency key: a stored answer is never replayed to a person
  // who is no longer the supplier's member.
  const supplierOnly: RequestHandler = (_req, res, next) => {
    service.requireSupplier(loaded(res));
    next();
  };

  r.get('/:id', { response: SpoView }, validate('params', IdParams), spo, async (_req, res) => {
    res.set(noStore).json(await service.get(context(res).actor, loaded(res)));
  });

  r.post(
    '/:id/lines',
    { response: SpoView, status: 201 },
    validate('params', IdParams),
    spo,
    supplierOnly,
    validate('body', SpoLineInput),
    idempotent,
    async (_req, res) => {
      res
        .status(201)
        .json(await service.addLine(context(res), loaded(res), parsed(res, 'body', SpoLineInput)));
    },
  );

  r.delete(
    '/:id/lines/:lineId',
    { response: SpoView },
    validate('params', LineParams),
    spo,
    async (_req, res) => {
      const { lineId } = parsed(res, 'params', LineParams);
      res.json(await service.removeLine(context(res), loaded(res), lineId));
    },
  );

  r.post(
    '/:id/lines/:lineId/response',
    { response: SpoView },
    validate('params', LineParams),
    validate('body', LineResponse),
    spo,
    async (_req, res) => {
      const { lineId } = parsed(res, 'params', LineParams);
      const { decision, note } = parsed(res, 'body', LineResponse);
      res.json(await service.respond(context(res), loaded(res), lineId, decision, note));
    },
  );

  // With an Idempotency-Key, a retried submit replays its answer instead of sealing again.
  r.post(
    '/:id/submit',
    { response: SpoView },
    validate('params', IdParams),
    spo,
    supplierOnly,
    idempotent,
    async (_req, res) => {
      res.json(await service.submit(context(res), loaded(res)));
    },
  );

  r.post(
    '/:id/withdraw',
    { response: SpoView },
    validate('params', IdParams),
    spo,
    async (_req, res) => {
      res.json(await service.withdraw(context(res), loaded(res)));
    },
  );

  r.put(
    '/:id/credibility',
    { response: SpoView },
    validate('params', IdParams),
    validate('body', CredibilityMark),
    spo,
    async (_req, res) => {
      const { credible, reason } = parsed(res, 'body', CredibilityMark);
      res.json(await service.setCredibility(context(res), loaded(res), credible, reason));
    },
  );

  const inbox = table.router('/link-requests');
  inbox.get(
    '/',
    { response: LinkRequests },
    validate('query', LinkRequestsQuery),
    async (_req, res) => {
      const actor = requirePerson(context(res).actor);
      res
        .set(noStore)
        .json(await service.linkRequests(actor, parsed(res, 'query', LinkRequestsQuery).status));
    },
  );

  // Before any `/:id` of its own: the counts for the person's home page.
  inbox.get('/counts', { response: LinkRequestCounts }, async (_req, res) => {
    const actor = requirePerson(context(res).actor);
    res.set(noStore).json(await service.linkRequestCounts(actor));
  });

  const mine = table.router('/me');
  mine.get(
    '/spos',
    { response: MySpoPage },
    validate('query', MySpoListQuery),
    async (_req, res) => {
      const actor = requirePerson(context(res).actor);
      res.set(noStore).json(await service.mine(actor, parsed(res, 'query', MySpoListQuery)));
    },
  );

  const supporters = table.router('/activities');
  supporters.get(
    '/:id/supporters',
    { response: ActivitySupporters },
    validate('params', IdParams),
    async (_req, res) => {
      res.json(await service.supporters(parsed(res, 'params', IdParams).id));
    },
  );

  return {
    spos: r.router,
    linkRequests: inbox.router,
    mine: mine.router,
    supporters: supporters.router,
  };
}
