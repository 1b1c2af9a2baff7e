import { useQuery } from '@tanstack/react-query';
import { LadNeedCollection, TerritoryNeedDetail } from '@shared/schemas/need';
import { getJson } from '../../lib/api';

export const needKeys = {
  all: ['need'] as const,
  lads: () => [...needKeys.all, 'lads'] as const,
  territory: (code: string) => [...needKeys.all, 'territory', code] as const,
};

// Open data that changes only when it is re-imported.
const STALE_MS = 30 * 60_000;

/**
 * Every district with its boundary and need figures (over a megabyte before compression):
 * asked for only when `enabled`, when someone switches the need layer on.
 */
export function useLadNeed(enabled = true) {
  return useQuery({
    queryKey: needKeys.lads(),
    queryFn: ({ signal }) => getJson('/api/need/lads', LadNeedCollection, { signal }),
    staleTime: STALE_MS,
    enabled,
  });
}

/** One territory's need figures and its districts'. */
export function useTerritoryNeed(code: string | undefined) {
  return useQuery({
    queryKey: needKeys.territory(code ?? ''),
    queryFn: ({ signal }) =>
      getJson(`/api/need/territories/${encodeURIComponent(code ?? '')}`, TerritoryNeedDetail, {
        signal,
      }),
    staleTime: STALE_MS,
    enabled: code !== undefined,
  });
}
