import type { RequestHandler } from 'express';
import {
  IdParams,
  InvitationAccept,
  InvitationCreated,
  MemberAdd,
  MemberParams,
  MembersView,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationUpdate,
  OrganisationView,
  page,
  VerifiedUpdate,
} from '@shared/schemas/accounts';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { authorize, requirePerson } from '../../lib/policy';
import { mayOrganisation, mayRemoveMember, type OrganisationAction } from './organisations.policy';
import type { OrganisationsService } from './organisations.service';

const OrganisationPage = page(OrganisationView);

const WHAT: Record<OrganisationAction, string> = {
  read: 'see this organisation',
  create: 'create an organisation',
  update: 'edit this organisation',
  readMembers: "see this organisation's members",
  invite: 'invite people into this organisation',
  manageMembers: "manage this organisation's members",
  verify: 'verify organisations',
  readAudit: "read this organisation's audit trail",
};

/** `/api/organisations` and `/api/invitations`: public profiles; the rest by policy. */
export function organisationsRoutes(
  table: RouteTable,
  service: OrganisationsService,
  idempotent: RequestHandler,
  /** Rate limits on inviting (each invitation sends an email). */
  inviteLimits: RequestHandler[] = [],
) {
  const r = table.router('/organisations');

  // Authorises before anything else runs, an idempotent replay included: 404 for an
  // unknown organisation, then 401/403 from the policy.
  const allow =
    (action: OrganisationAction): RequestHandler =>
    async (_req, res, next) => {
      const ctx = context(res);
      const id = (res.locals.params as { id?: string } | undefined)?.id;
      if (id) await service.get(id);
      authorize(ctx.actor, mayOrganisation(ctx.actor, action, id), WHAT[action]);
      next();
    };

  r.get(
    '/',
    { response: OrganisationPage },
    validate('query', OrganisationListQuery),
    async (_req, res) => {
      res.json(await service.list(parsed(res, 'query', OrganisationListQuery)));
    },
  );

  r.post(
    '/',
    { response: OrganisationView, status: 201 },
    allow('create'),
    idempotent,
    validate('body', OrganisationCreate),
    async (_req, res) => {
      res
        .status(201)
        .json(await service.create(context(res), parsed(res, 'body', OrganisationCreate)));
    },
  );

  r.get('/:id', { response: OrganisationView }, validate('params', IdParams), async (_req, res) => {
    res.json(await service.get(parsed(res, 'params', IdParams).id));
  });

  r.patch(
    '/:id',
    { response: OrganisationView },
    validate('params', IdParams),
    allow('update'),
    validate('body', OrganisationUpdate),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.update(context(res), id, parsed(res, 'body', OrganisationUpdate)));
    },
  );

  r.put(
    '/:id/verified',
    { response: OrganisationView },
    validate('params', IdParams),
    allow('verify'),
    validate('body', VerifiedUpdate),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(
        await service.setVerified(context(res), id, parsed(res, 'body', VerifiedUpdate).verified),
      );
    },
  );

  r.get(
    '/:id/members',
    { response: MembersView },
    validate('params', IdParams),
    allow('readMembers'),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.set('Cache-Control', 'no-store').json(await service.members(id));
    },
  );

  r.post(
    '/:id/members',
    { response: InvitationCreated, status: 201 },
    validate('params', IdParams),
    allow('invite'),
    ...inviteLimits,
    idempotent,
    validate('body', MemberAdd),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      const { email, role } = parsed(res, 'body', MemberAdd);
      res.status(201).json(await service.invite(context(res), id, email, role));
    },
  );

  r.delete(
    '/:id/members/:personId',
    { response: null },
    validate('params', MemberParams),
    async (_req, res) => {
      const ctx = context(res);
      const { id, personId } = parsed(res, 'params', MemberParams);
      await service.get(id);
      authorize(
        ctx.actor,
        mayRemoveMember(ctx.actor, id, personId),
        "manage this organisation's members",
      );
      await service.removeMember(ctx, id, personId);
      res.status(204).end();
    },
  );

  const invitations = table.router('/invitations');
  invitations.post(
    '/accept',
    { response: OrganisationView },
    validate('body', InvitationAccept),
    async (_req, res) => {
      const ctx = context(res);
      requirePerson(ctx.actor);
      const organisationId = await service.acceptInvitation(
        ctx,
        parsed(res, 'body', InvitationAccept).token,
      );
      res.json(await service.get(organisationId));
    },
  );

  return { organisations: r.router, invitations: invitations.router };
}
