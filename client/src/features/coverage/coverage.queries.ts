import { skipToken, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import { getJson } from '../../lib/api';
import { coverageKeys } from './coverage.keys';

const CoverageList = z.array(TerritoryCoverage);

/** Every territory's coverage figures, for the map, the table and the download. */
export function useCoverage() {
  return useQuery({
    queryKey: coverageKeys.list(),
    queryFn: ({ signal }) => getJson('/api/coverage', CoverageList, { signal }),
    // Events arrive only while the page is open: coming back to it asks again.
    staleTime: 0,
  });
}

/** One territory's figures with its monthly series; `code` undefined waits. */
export function useCoverageDetail(code: string | undefined) {
  return useQuery({
    staleTime: 0,
    queryKey:
      code === undefined ? [...coverageKeys.all, 'detail', 'idle'] : coverageKeys.detail(code),
    queryFn:
      code === undefined
        ? skipToken
        : ({ signal }) =>
            getJson(`/api/coverage/${encodeURIComponent(code)}`, CoverageDetail, {
              signal,
            }),
  });
}
