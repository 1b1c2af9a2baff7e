import { useQuery } from '@tanstack/react-query';
import { TerritoryCollection } from '@shared/schemas/territories';
import { getJson } from '../../lib/api';

export const territoryKeys = {
  all: ['territories'] as const,
  collection: () => [...territoryKeys.all, 'collection'] as const,
};

/** Reads the 45 territories with the geometry simplified for display. */
export function fetchTerritories(signal?: AbortSignal): Promise<TerritoryCollection> {
  return getJson('/api/territories', TerritoryCollection, { signal });
}

/** All territories for the map and the list; boundaries change only when the data is re-seeded. */
export function useTerritories() {
  return useQuery({
    queryKey: territoryKeys.collection(),
    queryFn: ({ signal }) => fetchTerritories(signal),
    staleTime: 5 * 60_000,
  });
}
