import { useQuery, type QueryClient } from '@tanstack/react-query';
import { UnreadCount } from '@shared/schemas/notifications';
import { getJson } from '../../lib/api';
import { notificationKeys } from './notifications.keys';

/**
 * How many of the signed-in person's notifications are unread, for the header. Only asked
 * for while someone is signed in (`enabled`); the socket's events refetch it.
 */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: ({ signal }) => getJson('/api/notifications/unread', UnreadCount, { signal }),
    enabled,
    // A missed event (a sleeping laptop) is mended within the minute without a socket.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** Refetches the header's count and every page of the list (after a change or an event). */
export function invalidateNotifications(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: notificationKeys.unread() }),
    queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  ]);
}
