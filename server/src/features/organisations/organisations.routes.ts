import type { RequestHandler } from 'express';
import {
  IdParams,
  MemberAdd,
  MemberParams,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationUpdate,
  VerifiedUpdate,
} from '@shared/schemas/accounts';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { authorize } from '../../lib/policy';
import { mayOrganisation } from './organisations.policy';
import type { OrganisationsService } from './organisations.service';

/** `/api/organisations`: public profiles; members, edits and verification by policy. */
export function organisationsRoutes(
  table: RouteTable,
  service: OrganisationsService,
  idempotent: RequestHandler,
) {
  const r = table.router('/organisations');

  r.get('/', validate('query', OrganisationListQuery), async (_req, res) => {
    res.json(await service.list(parsed(res, 'query', OrganisationListQuery)));
  });

  r.post('/', idempotent, validate('body', OrganisationCreate), async (_req, res) => {
    const ctx = context(res);
    authorize(ctx.actor, mayOrganisation(ctx.actor, 'create'), 'create an organisation');
    res.status(201).json(await service.create(ctx, parsed(res, 'body', OrganisationCreate)));
  });

  r.get('/:id', validate('params', IdParams), async (_req, res) => {
    res.json(await service.get(parsed(res, 'params', IdParams).id));
  });

  r.patch(
    '/:id',
    validate('params', IdParams),
    validate('body', OrganisationUpdate),
    async (_req, res) => {
      const ctx = context(res);
      const { id } = parsed(res, 'params', IdParams);
      await service.get(id);
      authorize(ctx.actor, mayOrganisation(ctx.actor, 'update', id), 'edit this organisation');
      res.json(await service.update(ctx, id, parsed(res, 'body', OrganisationUpdate)));
    },
  );

  r.put(
    '/:id/verified',
    validate('params', IdParams),
    validate('body', VerifiedUpdate),
    async (_req, res) => {
      const ctx = context(res);
      const { id } = parsed(res, 'params', IdParams);
      await service.get(id);
      authorize(ctx.actor, mayOrganisation(ctx.actor, 'verify', id), 'verify organisations');
      res.json(await service.setVerified(ctx, id, parsed(res, 'body', VerifiedUpdate).verified));
    },
  );

  r.get('/:id/members', validate('params', IdParams), async (_req, res) => {
    const ctx = context(res);
    const { id } = parsed(res, 'params', IdParams);
    await service.get(id);
    authorize(
      ctx.actor,
      mayOrganisation(ctx.actor, 'readMembers', id),
      "see this organisation's members",
    );
    res.set('Cache-Control', 'no-store').json(await service.members(id));
  });

  r.post(
    '/:id/members',
    idempotent,
    validate('params', IdParams),
    validate('body', MemberAdd),
    async (_req, res) => {
      const ctx = context(res);
      const { id } = parsed(res, 'params', IdParams);
      await service.get(id);
      authorize(
        ctx.actor,
        mayOrganisation(ctx.actor, 'manageMembers', id),
        "manage this organisation's members",
      );
      const { email, role } = parsed(res, 'body', MemberAdd);
      res.status(201).json(await service.addMember(ctx, id, email, role));
    },
  );

  r.delete('/:id/members/:personId', validate('params', MemberParams), async (_req, res) => {
    const ctx = context(res);
    const { id, personId } = parsed(res, 'params', MemberParams);
    await service.get(id);
    authorize(
      ctx.actor,
      mayOrganisation(ctx.actor, 'manageMembers', id),
      "manage this organisation's members",
    );
    await service.removeMember(ctx, id, personId);
    res.status(204).end();
  });

  return r.router;
}
