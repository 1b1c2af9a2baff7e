import { useQuery, type QueryClient } from '@tanstack/react-query';
import { getJson } from '../../lib/api';
import { notificationKeys } from './notifications.keys';

/**
 * How many of the signed-in person's notifications are unread, for the header. Only asked
 * for while someone is signed in (`enabled`); the socket's events refetch it. The schemas
 * load with the first answer, not with the app's entry: the landing page does not carry them.
 */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) => {
      const { UnreadCount } = await import('@shared/schemas/notifications');
      return getJson('/api/notifications/unread', UnreadCount, { signal });
    },
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
