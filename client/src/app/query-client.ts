import { MutationCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../features/auth/auth.keys';
import { ApiError, isTransientError } from '../lib/api';

/** The app's React Query client: one per page load. */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError(error) {
        // The session ended (expired, or revoked by a password change elsewhere): the header
        // must stop showing a signed-in person who no longer is.
        if (error instanceof ApiError && error.code === 'unauthenticated') {
          void queryClient.invalidateQueries({ queryKey: authKeys.me() });
        }
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again, and three silent retries would hide
        // a dead server behind a long spinner.
        retry: (failureCount, error) => isTransientError(error) && failureCount < 1,
        staleTime: 60_000,
      },
    },
  });
  return queryClient;
}
