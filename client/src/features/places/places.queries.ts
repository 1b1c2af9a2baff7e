import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PlaceMatches } from '@shared/schemas/places';
import { getJson } from '../../lib/api';

/** React Query keys for place search. */
export const placeKeys = {
  all: ['places'] as const,
  search: (q: string) => [...placeKeys.all, 'search', q] as const,
};

/** The fewest characters worth a search: "B1", "Ely". */
export const MIN_PLACE_QUERY = 2;

/**
 * Towns and postcode districts matching what was typed (`GET /api/places`), asked only once
 * the text is long enough; the last answer stays shown while the next one comes.
 */
export function usePlaceSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: placeKeys.search(text.toLowerCase()),
    queryFn: ({ signal }) =>
      getJson(`/api/places?q=${encodeURIComponent(text)}`, PlaceMatches, { signal }),
    enabled: text.length >= MIN_PLACE_QUERY,
    // Reference data: the same text finds the same places all session.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
