import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { invalidateNotifications } from './unread.queries';

// A burst (an SPO with several lines to one provider) refetches once.
const REFETCH_DELAY_MS = 250;

/**
 * Keeps the signed-in person's notifications live while `personId` is set: the server puts
 * a signed-in socket in the person's own room, where `notifications.created` arrives; on it,
 * and after a reconnect that may have missed some, the count and the list are refetched.
 * The socket client is loaded on demand, so that the landing page does not carry it.
 */
export function useNotificationsLive(personId: string | undefined): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!personId) return;
    let closed = false;
    let close: (() => void) | undefined;
    let timer: number | undefined;
    function refetchSoon() {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void invalidateNotifications(queryClient);
      }, REFETCH_DELAY_MS);
    }
    void import('../../lib/realtime').then(({ openLiveRooms }) => {
      if (closed) return;
      close = openLiveRooms({
        // The person's room is joined by the server itself; there is nothing to ask for.
        rooms: [],
        topics: ['notifications.created'],
        onEvent: refetchSoon,
        onResync: refetchSoon,
        onStatusChange: (status) => {
          // Events sent while the socket was connecting are caught by this refetch.
          if (status === 'live') refetchSoon();
        },
      });
    });
    return function stopLiveNotifications() {
      closed = true;
      window.clearTimeout(timer);
      close?.();
    };
  }, [personId, queryClient]);
}
