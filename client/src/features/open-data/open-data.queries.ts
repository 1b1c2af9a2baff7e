import { useQuery } from '@tanstack/react-query';
import { OpenDataIndex } from '@shared/schemas/open-data';
import { getJson } from '../../lib/api';

/** React Query keys for the open-data index. */
export const openDataKeys = {
  all: ['open-data'] as const,
  index: () => [...openDataKeys.all, 'index'] as const,
};

/** The published datasets, their standards, licence and attribution. */
export function useOpenDataIndex() {
  return useQuery({
    queryKey: openDataKeys.index(),
    queryFn: ({ signal }) => getJson('/api/open-data', OpenDataIndex, { signal }),
    // The same for everyone and slow to change.
    staleTime: 5 * 60_000,
  });
}
