import type { RequestHandler } from 'express';
import { IdParams, page } from '@shared/schemas/accounts';
import {
  ActivityCreate,
  ActivityListQuery,
  ActivityMap,
  ActivityMapQuery,
  ActivitySummary,
  ActivityUpdate,
  ActivityView,
} from '@shared/schemas/activities';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { AppError } from '../../lib/app-error';
import { authorize, requirePerson } from '../../lib/policy';
import { mayActivity } from './activities.policy';
import type { ActivitiesService } from './activities.service';

const ActivityPage = page(ActivitySummary);

/** `/api/activities`: everyone browses; members of the provider create and edit. */
export function activitiesRoutes(
  table: RouteTable,
  service: ActivitiesService,
  idempotent: RequestHandler,
) {
  const r = table.router('/activities');

  r.get(
    '/',
    { response: ActivityPage },
    validate('query', ActivityListQuery),
    async (_req, res) => {
      res.json(await service.list(parsed(res, 'query', ActivityListQuery)));
    },
  );

  r.get(
    '/map',
    { response: ActivityMap },
    validate('query', ActivityMapQuery),
    async (_req, res) => {
      res.json(await service.map(parsed(res, 'query', ActivityMapQuery)));
    },
  );

  r.post(
    '/',
    { response: ActivityView, status: 201 },
    (_req, res, next) => {
      requirePerson(context(res).actor);
      next();
    },
    validate('body', ActivityCreate),
    // Authorised before the idempotency key is looked up, so that a stored answer is never
    // replayed to someone who may no longer create (a member since removed).
    async (_req, res, next) => {
      const actor = requirePerson(context(res).actor);
      const input = parsed(res, 'body', ActivityCreate);
      const providerId = input.providerId ?? actor.actingFor;
      if (!providerId) {
        throw new AppError('validation_failed', 400, 'Say which provider lists this activity', [
          { path: 'providerId', message: 'choose the provider organisation you act for' },
        ]);
      }
      authorize(
        actor,
        mayActivity(actor, 'create', providerId),
        'list activities for an organisation you are not a member of',
      );
      if (!(await service.isProvider(providerId))) {
        throw new AppError('forbidden', 403, 'Only provider organisations list activities');
      }
      res.locals.providerId = providerId;
      next();
    },
    idempotent,
    async (_req, res) => {
      const input = parsed(res, 'body', ActivityCreate);
      res
        .status(201)
        .json(await service.create(context(res), res.locals.providerId as string, input));
    },
  );

  r.get('/:id', { response: ActivityView }, validate('params', IdParams), async (_req, res) => {
    res.json(await service.get(parsed(res, 'params', IdParams).id));
  });

  r.patch(
    '/:id',
    { response: ActivityView },
    validate('params', IdParams),
    async (_req, res, next) => {
      // 404 for an unknown activity, then 401/403 from the policy, before the body is read.
      const ctx = context(res);
      const { providerId } = await service.ownership(parsed(res, 'params', IdParams).id);
      authorize(ctx.actor, mayActivity(ctx.actor, 'update', providerId), 'edit this activity');
      next();
    },
    validate('body', ActivityUpdate),
    async (_req, res) => {
      const { id } = parsed(res, 'params', IdParams);
      res.json(await service.update(context(res), id, parsed(res, 'body', ActivityUpdate)));
    },
  );

  return r.router;
}
