import { createHmac, timingSafeEqual } from 'node:crypto';
import { rooms, type OutboxMessage } from '@shared/events';
import {
  DEFAULT_CHANNELS,
  NOTIFICATION_KIND_LABELS,
  NotificationKinds,
  type NotificationChannel,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationView,
  type OutgoingMailPage,
  type OutgoingMailQuery,
  type PreferencesUpdate,
  type PreferencesView,
  type SavedInterest,
  type UnsubscribeQuery,
} from '@shared/schemas/notifications';
import type { Repos, ServiceDeps } from '../../composition';
import type { PersonActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { DomainEvents } from '../../lib/domain-events';
import { hideOneTimeLinks, type EmailRow, type OutgoingEmail } from '../mail/mail.repo';
import { renderEmail } from '../mail/templates';
import type { NotificationRow, Recipient } from './notifications.repo';

export interface MailSettings {
  /** Where the app is reached: links in emails are built from it. */
  publicUrl: string;
  /** Whether a mail transport is configured (SMTP_URL); without one, mail stays in the outbox. */
  transportConfigured: boolean;
}

/** What to tell, whom, and what the email (if the person wants one) says. */
export interface NotifyInput {
  kind: NotificationKind;
  /** Members of these organisations, and these people; each person is told once. */
  organisations?: string[];
  people?: string[];
  /** Not told: the person whose action it was. */
  except?: string | null;
  title: string;
  body: string;
  /** A path in the app. */
  link: string;
  objectType: string;
  objectId: string;
  /** The same key twice tells nobody twice. */
  dedupeKey: string;
  /** The label of the email's one link ("Open the tender"). */
  actionLabel: string;
}

const base64url = (b: Buffer) => b.toString('base64url');

/** The signature in a person's unsubscribe link for one kind. */
export function unsubscribeToken(mailKey: string, kind: NotificationKind | 'digest'): string {
  return base64url(createHmac('sha256', mailKey).update(`unsubscribe:${kind}`).digest());
}

export function absolute(publicUrl: string, path: string): string {
  return new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

/**
 * Tells people of what concerns them, inside the transaction of the change: a notification
 * for each, an event to their own room, and (as each chose) an email now or in the digest.
 * Email goes only to a verified address.
 */
export function createNotifier(settings: Pick<MailSettings, 'publicUrl'>) {
  const url = (path: string) => absolute(settings.publicUrl, path);

  function unsubscribeLinks(r: Recipient, kind: NotificationKind | 'digest') {
    const query = new URLSearchParams({ p: r.id, k: kind, t: unsubscribeToken(r.mailKey, kind) });
    return {
      page: url(`/unsubscribe?${query}`),
      oneClick: url(`/api/notifications/unsubscribe?${query}`),
    };
  }

  /** A notification email to one person, with its one-click unsubscribe header and link. */
  function notificationEmail(r: Recipient, n: NotifyInput): OutgoingEmail {
    const links = unsubscribeLinks(r, n.kind);
    const what = NOTIFICATION_KIND_LABELS[n.kind].toLowerCase();
    return {
      to: r.email,
      personId: r.id,
      kind: n.kind,
      ...renderEmail({
        subject: n.title,
        recipientName: r.name,
        paragraphs: [n.body],
        action: { label: n.actionLabel, url: url(n.link) },
        footer: [
          `You are getting this because you chose to be emailed about ${what}. ` +
            `Choose what we email you at ${url('/notifications/preferences')}.`,
        ],
        unsubscribe: { url: links.page, what },
      }),
      headers: {
        'List-Unsubscribe': `<${links.oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  return {
    url,
    unsubscribeLinks,

    /** Answers how many people were told (new notifications). */
    async notify(tx: Repos, n: NotifyInput): Promise<number> {
      const [members, named] = await Promise.all([
        tx.notifications.membersOf(n.organisations ?? []),
        tx.notifications.people(n.people ?? []),
      ]);
      const byId = new Map([...members, ...named].map((r) => [r.id, r]));
      if (n.except) byId.delete(n.except);
      if (byId.size === 0) return 0;
      const chosen = await tx.notifications.channels([...byId.keys()], n.kind);
      const channelOf = (id: string): NotificationChannel =>
        chosen.get(id) ?? DEFAULT_CHANNELS[n.kind];
      const created = await tx.notifications.insert(
        [...byId.values()].map((r) => ({
          personId: r.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          objectType: n.objectType,
          objectId: n.objectId,
          dedupeKey: n.dedupeKey,
          channel: channelOf(r.id),
        })),
      );
      await tx.outbox.write(
        created.map((row): OutboxMessage => ({
          topic: 'notifications.created',
          room: rooms.person(row.person_id),
          payload: { notificationId: String(row.id), kind: n.kind },
        })),
      );
      await tx.mail.enqueue(
        created
          .filter((row) => row.channel === 'email' && byId.get(row.person_id)!.verified)
          .map((row) => notificationEmail(byId.get(row.person_id)!, n)),
      );
      return created.length;
    },

    /** One email grouping a person's digest notifications, newest kind first. */
    digestEmail(r: Recipient, rows: NotificationRow[]): OutgoingEmail {
      const byKind = new Map<NotificationKind, NotificationRow[]>();
      for (const row of rows) {
        const kind = row.kind as NotificationKind;
        byKind.set(kind, [...(byKind.get(kind) ?? []), row]);
      }
      const paragraphs = [
        `Here is what happened on Impact Atlas since your last digest: ${rows.length} ` +
          `${rows.length === 1 ? 'update' : 'updates'}.`,
        ...[...byKind.entries()].flatMap(([kind, items]) => [
          `${NOTIFICATION_KIND_LABELS[kind]} (${items.length}):`,
          ...items.map((i) => `• ${i.title}: ${url(i.link)}`),
        ]),
      ];
      const links = unsubscribeLinks(r, 'digest');
      return {
        to: r.email,
        personId: r.id,
        kind: 'digest',
        headers: {
          'List-Unsubscribe': `<${links.oneClick}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        ...renderEmail({
          subject: `Your Impact Atlas daily digest: ${rows.length} ${rows.length === 1 ? 'update' : 'updates'}`,
          recipientName: r.name,
          paragraphs,
          action: { label: 'Open your notifications', url: url('/notifications') },
          footer: [
            `You get one digest a day for what you chose to hear of that way. Choose what we email you at ${url('/notifications/preferences')}.`,
          ],
          unsubscribe: { url: links.page, what: 'anything in this daily digest' },
        }),
      };
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

function present(row: NotificationRow): NotificationView {
  return {
    id: String(row.id),
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    link: row.link,
    objectType: row.object_type,
    objectId: row.object_id,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

function mailStatus(row: EmailRow) {
  if (row.sent_at) return 'sent' as const;
  if (row.failed_at) return 'failed' as const;
  return row.attempts > 0 ? ('retrying' as const) : ('pending' as const);
}

/** A person's notifications, preferences and saved interest; the outgoing mail, for admins. */
export function createNotificationsService(
  { repos, uow }: ServiceDeps,
  settings: MailSettings,
  events?: DomainEvents,
) {
  const repo = repos.notifications;

  async function preferences(personId: string): Promise<PreferencesView> {
    const [chosen, [person]] = await Promise.all([
      repo.preferences(personId),
      repo.people([personId]),
    ]);
    return {
      preferences: NotificationKinds.map((kind) => ({
        kind,
        label: NOTIFICATION_KIND_LABELS[kind],
        channel: (chosen.get(kind) ?? DEFAULT_CHANNELS[kind]) as NotificationChannel,
      })),
      emailVerified: person?.verified ?? false,
    };
  }

  return {
    async list(actor: PersonActor, q: NotificationListQuery): Promise<NotificationPage> {
      const [{ rows, total }, unread] = await Promise.all([
        repo.list(actor.personId, q),
        repo.unreadCount(actor.personId),
      ]);
      return { items: rows.map(present), page: q.page, pageSize: q.pageSize, total, unread };
    },

    async unread(actor: PersonActor): Promise<{ unread: number }> {
      return { unread: await repo.unreadCount(actor.personId) };
    },

    /** Marks one read (or unread again); someone else's answers as if it did not exist. */
    async markRead(actor: PersonActor, id: string, read: boolean): Promise<NotificationView> {
      const row = await repo.markRead(actor.personId, id, read);
      if (!row) throw new AppError('notification_not_found', 404, 'You have no such notification');
      return present(row);
    },

    async markAllRead(actor: PersonActor): Promise<{ unread: number }> {
      await repo.markAllRead(actor.personId);
      return { unread: 0 };
    },

    preferences: (actor: PersonActor) => preferences(actor.personId),

    async setPreferences(actor: PersonActor, input: PreferencesUpdate): Promise<PreferencesView> {
      await uow((tx) => tx.notifications.setPreferences(actor.personId, input.preferences));
      return preferences(actor.personId);
    },

    savedInterest: (actor: PersonActor) => repo.savedInterest(actor.personId),

    async setSavedInterest(actor: PersonActor, input: SavedInterest): Promise<SavedInterest> {
      await uow((tx) => tx.notifications.setSavedInterest(actor.personId, input));
      return repo.savedInterest(actor.personId);
    },

    /**
     * One-click unsubscribe from one kind's emails (RFC 8058): the link is signed with the
     * person's own key, so it works without signing in and for nobody else.
     */
    async unsubscribe(q: UnsubscribeQuery) {
      const key = await repo.mailKey(q.p);
      const expected = key ? Buffer.from(unsubscribeToken(key, q.k)) : Buffer.alloc(0);
      const given = Buffer.from(q.t);
      if (!key || expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw new AppError(
          'unsubscribe_link_invalid',
          400,
          'This unsubscribe link is not valid: open your notification preferences instead',
        );
      }
      const kinds =
        q.k === 'digest'
          ? (await preferences(q.p)).preferences
              .filter((p) => p.channel === 'digest')
              .map((p) => p.kind)
          : [q.k];
      if (kinds.length > 0)
        await uow((tx) =>
          tx.notifications.setPreferences(
            q.p,
            kinds.map((kind) => ({ kind, channel: 'app' as const })),
          ),
        );
      const label = q.k === 'digest' ? 'The daily digest' : NOTIFICATION_KIND_LABELS[q.k];
      return { kind: q.k, label, channel: 'app' as const };
    },

    async outgoingMail(q: OutgoingMailQuery): Promise<OutgoingMailPage> {
      const { rows, total } = await repos.mail.list(q);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          messageId: r.message_id,
          to: r.to_address,
          kind: r.kind,
          subject: r.subject,
          // A message not yet sent still holds its links: shown without their secrets.
          text: hideOneTimeLinks(r.text_body),
          html: hideOneTimeLinks(r.html_body),
          status: mailStatus(r),
          attempts: r.attempts,
          createdAt: new Date(r.created_at).toISOString(),
          sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
          nextAttemptAt:
            r.sent_at || r.failed_at ? null : new Date(r.next_attempt_at).toISOString(),
          lastError: r.last_error,
        })),
        page: q.page,
        pageSize: q.pageSize,
        total,
        transportConfigured: settings.transportConfigured,
      };
    },

    /** After a commit that wrote notifications or mail: publish and send now. */
    announce() {
      events?.emit('outbox.written');
      events?.emit('mail.written');
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
