import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  NotificationPage,
  NotificationView,
  OutgoingMailPage,
  PreferencesView,
  SavedInterest,
  UnreadCount,
  UnsubscribeDone,
  type NotificationChannel,
  type NotificationKind,
  type OutgoingMailStatus,
  type PreferencesUpdate,
  type UnsubscribeQuery,
} from '@shared/schemas/notifications';
import { getJson, sendJson } from '../../lib/api';
import { notificationKeys } from './notifications.keys';
import { invalidateNotifications } from './unread.queries';

/** How many notifications a page of the list shows. */
export const NOTIFICATIONS_PAGE_SIZE = 20;
/** How many messages a page of the outgoing mail shows. */
export const OUTGOING_MAIL_PAGE_SIZE = 25;

/** One page of the person's notifications, newest first: all of them, or the unread only. */
export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(page, unreadOnly),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({
        page: String(page),
        pageSize: String(NOTIFICATIONS_PAGE_SIZE),
        ...(unreadOnly ? { unread: 'true' } : {}),
      });
      return getJson(`/api/notifications?${query}`, NotificationPage, { signal });
    },
    // The list stays on screen while the next page or filter loads, rather than a spinner.
    placeholderData: keepPreviousData,
  });
}

/** Marks one notification read or unread. */
export function useMarkNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, read }: { id: string; read: boolean }) =>
      sendJson('PATCH', `/api/notifications/${encodeURIComponent(id)}`, { read }, NotificationView),
    onSuccess: (changed) => {
      // Every page kept in the cache shows the change at once (coming back to the list after
      // following a notification), while the refetch brings the counts.
      queryClient.setQueriesData<NotificationPage>(
        { queryKey: notificationKeys.lists() },
        (page) =>
          page && {
            ...page,
            items: page.items.map((item) => (item.id === changed.id ? changed : item)),
          },
      );
      return invalidateNotifications(queryClient);
    },
  });
}

/** Marks every notification of the person read. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('POST', '/api/notifications/read-all', undefined, UnreadCount),
    onSuccess: () => invalidateNotifications(queryClient),
  });
}

/** How each kind of notification reaches the person, and whether their email is verified. */
export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) => getJson('/api/notifications/preferences', PreferencesView, { signal }),
  });
}

/** Saves the channel chosen for each kind; the answer is the preferences as now stored. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choices: Record<NotificationKind, NotificationChannel>) => {
      const body: PreferencesUpdate = {
        preferences: Object.entries(choices).map(([kind, channel]) => ({
          kind: kind as NotificationKind,
          channel,
        })),
      };
      return sendJson('PUT', '/api/notifications/preferences', body, PreferencesView);
    },
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(), saved),
  });
}

/** The territories and themes of open tenders the person wants to hear of. */
export function useSavedInterest() {
  return useQuery({
    queryKey: notificationKeys.interest(),
    queryFn: ({ signal }) => getJson('/api/me/interest', SavedInterest, { signal }),
  });
}

/** Saves the person's interest in tenders. */
export function useSaveInterest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (interest: SavedInterest) =>
      sendJson('PUT', '/api/me/interest', interest, SavedInterest),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.interest(), saved),
  });
}

/**
 * Stops the emails of one kind for the person an email's link names; no sign-in is needed,
 * the link's signature is the authority.
 */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: ({ p, k, t }: UnsubscribeQuery) =>
      sendJson(
        'POST',
        `/api/notifications/unsubscribe?${new URLSearchParams({ p, k, t })}`,
        undefined,
        UnsubscribeDone,
      ),
  });
}

/** What the outgoing mail page filters by. */
export interface OutgoingMailFilters {
  page: number;
  status?: OutgoingMailStatus | undefined;
  to?: string | undefined;
}

/** One page of the messages the app has sent or will send (administrators only). */
export function useOutgoingMail(filters: OutgoingMailFilters) {
  return useQuery({
    queryKey: notificationKeys.outgoingMail(filters),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({
        page: String(filters.page),
        pageSize: String(OUTGOING_MAIL_PAGE_SIZE),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.to ? { to: filters.to } : {}),
      });
      return getJson(`/api/admin/outgoing-mail?${query}`, OutgoingMailPage, { signal });
    },
    placeholderData: keepPreviousData,
  });
}
