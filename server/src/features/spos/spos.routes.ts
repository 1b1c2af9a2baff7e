import type { RequestHandler } from 'express';
import { IdParams } from '@shared/schemas/accounts';
import { CredibilityMark, LineResponse, SpoLineInput } from '@shared/schemas/tenders';
import { z } from 'zod';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { requirePerson } from '../../lib/policy';
import type { SposService } from './spos.service';

const LineParams = z.object({
  id: z.uuid({ error: 'is not a valid id' }),
  lineId: z.uuid({ error: 'is not a valid id' }),
});
const LinkRequestsQuery = z.object({
  status: z.enum(['pending', 'accepted', 'declined']).optional(),
});

/**
 * `/api/spos/:id`, the providers' `/api/link-requests` and activities' public supporters.
 * An SPO the caller may not see answers 404, exactly as one that does not exist.
 */
export function sposRoutes(table: RouteTable, service: SposService, idempotent: RequestHandler) {
  const r = table.router('/spos');
  const noStore = { 'Cache-Control': 'no-store' };
  // Authorised before the idempotency key: a stored answer is never replayed to a person
  // who is no longer the supplier's member.
  const supplierOnly: RequestHandler = async (_req, res, next) => {
    await service.requireSupplier(context(res).actor, parsed(res, 'params', IdParams).id);
    next();
  };

  r.get('/:id', validate('params', IdParams), async (_req, res) => {
    res
      .set(noStore)
      .json(await service.get(context(res).actor, parsed(res, 'params', IdParams).id));
  });

  r.post(
    '/:id/lines',
    validate('params', IdParams),
    supplierOnly,
    validate('body', SpoLineInput),
    idempotent,
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res
        .status(201)
        .json(await service.addLine(context(res), id, parsed(res, 'body', SpoLineInput)));
    },
  );

  r.delete('/:id/lines/:lineId', validate('params', LineParams), async (_req, res) => {
    const { id, lineId } = parsed(res, 'params', LineParams);
    res.json(await service.removeLine(context(res), id, lineId));
  });

  r.post(
    '/:id/lines/:lineId/response',
    validate('params', LineParams),
    validate('body', LineResponse),
    async (_req, res) => {
      const { id, lineId } = parsed(res, 'params', LineParams);
      const { decision, note } = parsed(res, 'body', LineResponse);
      res.json(await service.respond(context(res), id, lineId, decision, note));
    },
  );

  // With an Idempotency-Key, a retried submit replays its answer instead of sealing again.
  r.post(
    '/:id/submit',
    validate('params', IdParams),
    supplierOnly,
    idempotent,
    async (_req, res) => {
      res.json(await service.submit(context(res), parsed(res, 'params', IdParams).id));
    },
  );

  r.post('/:id/withdraw', validate('params', IdParams), async (_req, res) => {
    res.json(await service.withdraw(context(res), parsed(res, 'params', IdParams).id));
  });

  r.put(
    '/:id/credibility',
    validate('params', IdParams),
    validate('body', CredibilityMark),
    async (_req, res) => {
      const { credible, reason } = parsed(res, 'body', CredibilityMark);
      res.json(
        await service.setCredibility(
          context(res),
          parsed(res, 'params', IdParams).id,
          credible,
          reason,
        ),
      );
    },
  );

  const inbox = table.router('/link-requests');
  inbox.get('/', validate('query', LinkRequestsQuery), async (_req, res) => {
    const actor = requirePerson(context(res).actor);
    res
      .set(noStore)
      .json(await service.linkRequests(actor, parsed(res, 'query', LinkRequestsQuery).status));
  });

  const supporters = table.router('/activities');
  supporters.get('/:id/supporters', validate('params', IdParams), async (_req, res) => {
    res.json(await service.supporters(parsed(res, 'params', IdParams).id));
  });

  return { spos: r.router, linkRequests: inbox.router, supporters: supporters.router };
}
