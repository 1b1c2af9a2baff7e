import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { REALTIME_TOPICS } from '@shared/events';
import { openLiveRooms, type LiveStatus } from '../../lib/realtime';
import { coverageKeys } from './coverage.keys';

// An award touching several territories sends two events for each: one refetch for the burst.
const REFETCH_DELAY_MS = 250;

/**
 * Keeps the coverage figures live while mounted: joins `territory:<code>` for each code and
 * refetches the coverage queries when an award or a coverage change arrives (or may have been
 * missed during a reconnect). Answers the connection's status for the page to show.
 */
export function useCoverageLive(codes: readonly string[]): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // A string, so that a new array of the same codes does not reconnect.
  const roomsKey = codes.map((code) => `territory:${code}`).join(' ');

  useEffect(() => {
    if (roomsKey === '') return;
    let timer: number | undefined;
    function refetchSoon() {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      }, REFETCH_DELAY_MS);
    }
    const close = openLiveRooms({
      rooms: roomsKey.split(' '),
      topics: REALTIME_TOPICS,
      onEvent: refetchSoon,
      onResync: refetchSoon,
      onStatusChange: setStatus,
    });
    return function stopLiveCoverage() {
      window.clearTimeout(timer);
      close();
    };
  }, [queryClient, roomsKey]);

  return status;
}
