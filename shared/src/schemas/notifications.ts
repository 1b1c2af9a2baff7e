import { z } from 'zod';
import { Theme } from './activities';
import { PageQuery, Timestamp, page } from './accounts';
import { TerritoryCode } from './territories';

// Responses: page(NotificationView) + unread (/api/notifications), UnreadCount,
// PreferencesView (/api/notifications/preferences), SavedInterestView (/api/me/interest),
// page(OutgoingMailView) (/api/admin/outgoing-mail).

/** What a person can be told of. Each has a preference: in the app, email now, or daily digest. */
export const NotificationKinds = [
  /** A supplier asked to link one of your organisation's activities to its SPO. */
  'link_request',
  /** A provider answered your organisation's link-up request. */
  'link_answer',
  /** Your tender closed: its sealed SPOs can be read (buyer, after closing only). */
  'spos_received',
  /** A tender was awarded to your SPO, or to an SPO that links your activity. */
  'award',
  /** A tender opened that matches one of your activities or your saved interest. */
  'tender_match',
  /** You were invited to join an organisation. */
  'invitation',
  /** Your organisation was verified by an administrator. */
  'organisation_verified',
  /** A supplier reported delivery on an awarded SPO line for one of your activities. */
  'delivery_report',
  /** A provider confirmed, part-confirmed or disputed your organisation's delivery report. */
  'delivery_answer',
] as const;
export const NotificationKind = z.enum(NotificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  link_request: 'Link-up requests on your activities',
  link_answer: 'Answers to your link-up requests',
  spos_received: 'SPOs to read when your tender closes',
  award: 'Awards that name your SPO or activity',
  tender_match: 'New tenders matching your activities or saved interest',
  invitation: 'Invitations to join an organisation',
  organisation_verified: 'Your organisation verified',
  delivery_report: 'Delivery reports to confirm on your activities',
  delivery_answer: 'Answers to your delivery reports',
};

export const NotificationChannels = ['app', 'email', 'digest'] as const;
export const NotificationChannel = z.enum(NotificationChannels);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  app: 'In the app only',
  email: 'Email me straight away',
  digest: 'Daily digest email',
};

/** How each kind is delivered until the person chooses otherwise. */
export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  link_request: 'email',
  link_answer: 'email',
  spos_received: 'email',
  award: 'email',
  tender_match: 'digest',
  invitation: 'email',
  organisation_verified: 'email',
  delivery_report: 'email',
  delivery_answer: 'email',
};

export const NotificationView = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** A path in the app to the object it is about. */
  link: z.string().startsWith('/'),
  objectType: z.string(),
  objectId: z.string(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationPage = page(NotificationView).extend({
  unread: z.number().int().min(0),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadCount = z.object({ unread: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationIdParams = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a valid notification id'),
});

export const PreferencesView = z.object({
  preferences: z.array(
    z.object({ kind: NotificationKind, label: z.string(), channel: NotificationChannel }),
  ),
  /** Emails (now or digest) go only to a verified address. */
  emailVerified: z.boolean(),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export const PreferencesUpdate = z.object({
  preferences: z
    .array(z.object({ kind: NotificationKind, channel: NotificationChannel }))
    .min(1, 'Choose at least one preference')
    .max(NotificationKinds.length)
    // Stored one row per kind: a kind twice is ambiguous (and one upsert cannot write it twice).
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, {
      message: 'Choose each kind of notification at most once',
    }),
});
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

/** Open tenders a person wants to hear of, beyond their activities' matches. */
export const SavedInterest = z.object({
  territories: z
    .array(TerritoryCode)
    .max(45)
    .refine((a) => new Set(a).size === a.length, 'Select each territory only once'),
  themes: z.array(Theme).refine((a) => new Set(a).size === a.length, 'Select each theme only once'),
});
export type SavedInterest = z.infer<typeof SavedInterest>;

/** One-click unsubscribe (RFC 8058): the signed link in every notification email. */
export const UnsubscribeQuery = z.object({
  p: z.uuid({ error: 'is not a valid link' }),
  /** A kind, or `digest`: every kind the person gets in the daily digest. */
  k: z.union([NotificationKind, z.literal('digest')]),
  t: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid link'),
});
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

export const UnsubscribeDone = z.object({
  kind: z.union([NotificationKind, z.literal('digest')]),
  label: z.string(),
  channel: z.literal('app'),
});

export const OutgoingMailStatuses = ['pending', 'sent', 'retrying', 'failed'] as const;
export const OutgoingMailStatus = z.enum(OutgoingMailStatuses);
export type OutgoingMailStatus = z.infer<typeof OutgoingMailStatus>;

/** A message in the outbox, for the administrators' "outgoing mail" page. */
export const OutgoingMailView = z.object({
  id: z.string(),
  messageId: z.string(),
  to: z.string(),
  kind: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: OutgoingMailStatus,
  attempts: z.number().int().min(0),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
  nextAttemptAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
});
export type OutgoingMailView = z.infer<typeof OutgoingMailView>;

export const OutgoingMailPage = page(OutgoingMailView).extend({
  /** False when no SMTP_URL is set: messages stay here and are not sent. */
  transportConfigured: z.boolean(),
});
export type OutgoingMailPage = z.infer<typeof OutgoingMailPage>;

export const OutgoingMailQuery = PageQuery.extend({
  status: OutgoingMailStatus.optional(),
  to: z.string().trim().toLowerCase().max(254).optional(),
});
export type OutgoingMailQuery = z.infer<typeof OutgoingMailQuery>;
