import { skipToken, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import { getJson, viewOf } from '../../lib/api';
import { coverageKeys } from './coverage.keys';

const CoverageRow = viewOf<TerritoryCoverage>(
  'code',
  'name',
  'activitiesListed',
  'activitiesSupported',
  'shareSupported',
  'committedPence',
  'fundingGapPence',
  'pipelinePence',
  'spreadShare',
);
const CoverageListResponse = z.array(CoverageRow);
const CoverageDetailResponse = viewOf<CoverageDetail>(
  'code',
  'name',
  'committedPence',
  'committedByTheme',
  'committedBySector',
  'secondary',
  'monthly',
  'hexes',
  'awardedLinks',
  'unsupportedClusters',
);

/** Every territory's coverage figures, for the map, the table and the download. */
export function useCoverage() {
  return useQuery({
    queryKey: coverageKeys.list(),
    queryFn: ({ signal }) => getJson('/api/coverage', CoverageListResponse, { signal }),
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
            getJson(`/api/coverage/${encodeURIComponent(code)}`, CoverageDetailResponse, {
              signal,
            }),
  });
}
