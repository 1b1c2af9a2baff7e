import { QueryClient } from '@tanstack/react-query';
import { isTransientError } from '../lib/api';

/** The app's React Query client: one per page load. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again, and three silent retries would hide
        // a dead server behind a long spinner.
        retry: (failureCount, error) => isTransientError(error) && failureCount < 1,
        staleTime: 60_000,
      },
    },
  });
}
