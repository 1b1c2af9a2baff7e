import { z } from 'zod';
import {
  NotificationIdParams,
  NotificationListQuery,
  NotificationPage,
  NotificationView,
  OutgoingMailPage,
  OutgoingMailQuery,
  PreferencesUpdate,
  PreferencesView,
  SavedInterest,
  UnreadCount,
  UnsubscribeDone,
  UnsubscribeQuery,
} from '@shared/schemas/notifications';
import { context } from '../../http/context';
import type { RouteTable } from '../../http/route-table';
import { parsed, validate } from '../../http/validate';
import { authorize, requirePerson } from '../../lib/policy';
import type { NotificationsService } from './notifications.service';

const ReadUpdate = z.object({ read: z.boolean() });

/**
 * `/api/notifications` (one's own list, read state, preferences, one-click unsubscribe),
 * `/api/me/interest` (saved interest) and `/api/admin/outgoing-mail` (administrators).
 */
export function notificationsRoutes(table: RouteTable, service: NotificationsService) {
  const r = table.router('/notifications');
  const person = (res: Parameters<typeof context>[0]) => requirePerson(context(res).actor);

  r.get(
    '/',
    { response: NotificationPage },
    validate('query', NotificationListQuery),
    async (_req, res) => {
      const q = parsed(res, 'query', NotificationListQuery);
      res.set('Cache-Control', 'no-store').json(await service.list(person(res), q));
    },
  );

  r.get('/unread', { response: UnreadCount }, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.unread(person(res)));
  });

  r.post('/read-all', { response: UnreadCount }, async (_req, res) => {
    res.json(await service.markAllRead(person(res)));
  });

  r.get('/preferences', { response: PreferencesView }, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.preferences(person(res)));
  });

  r.put(
    '/preferences',
    { response: PreferencesView },
    validate('body', PreferencesUpdate),
    async (_req, res) => {
      const actor = person(res);
      res.json(await service.setPreferences(actor, parsed(res, 'body', PreferencesUpdate)));
    },
  );

  // RFC 8058 one-click: mail clients POST here with `List-Unsubscribe=One-Click` and no
  // cookie; the signed link is the authority. The app's own unsubscribe page posts here too.
  r.post(
    '/unsubscribe',
    { response: UnsubscribeDone },
    validate('query', UnsubscribeQuery),
    async (_req, res) => {
      res.json(await service.unsubscribe(parsed(res, 'query', UnsubscribeQuery)));
    },
  );

  r.patch(
    '/:id',
    { response: NotificationView },
    validate('params', NotificationIdParams),
    validate('body', ReadUpdate),
    async (_req, res) => {
      const actor = person(res);
      const { id } = parsed(res, 'params', NotificationIdParams);
      res.json(await service.markRead(actor, id, parsed(res, 'body', ReadUpdate).read));
    },
  );

  const me = table.router('/me/interest');
  me.get('/', { response: SavedInterest }, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.savedInterest(person(res)));
  });
  me.put('/', { response: SavedInterest }, validate('body', SavedInterest), async (_req, res) => {
    const actor = person(res);
    res.json(await service.setSavedInterest(actor, parsed(res, 'body', SavedInterest)));
  });

  const admin = table.router('/admin/outgoing-mail');
  admin.get(
    '/',
    { response: OutgoingMailPage },
    validate('query', OutgoingMailQuery),
    async (_req, res) => {
      const { actor } = context(res);
      authorize(actor, actor.kind === 'person' && actor.isAdmin, 'read the outgoing mail');
      res
        .set('Cache-Control', 'no-store')
        .json(await service.outgoingMail(parsed(res, 'query', OutgoingMailQuery)));
    },
  );

  return { notifications: r.router, interest: me.router, outgoingMail: admin.router };
}
