import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  MatchPage,
  OpportunityPage,
  ReachView,
  SuggestionView,
  type SuggestionBands,
} from '@shared/schemas/matching';
import { getJson } from '../../lib/api';
import { matchingKeys, type MatchParams } from './matching.keys';

const tenderPath = (tenderId: string) => `/api/tenders/${encodeURIComponent(tenderId)}`;

/** A band of the tender's social value: its baseline, the middle of the range, or higher. */
export type SuggestionBand = (typeof SuggestionBands)[number];

function matchSearch(params: MatchParams): string {
  const search = new URLSearchParams({
    page: String(params.page),
    pageSize: String(params.pageSize),
    withRoom: String(params.withRoom),
  });
  if (params.theme) search.set('theme', params.theme);
  if (params.focusOnly) search.set('focusOnly', 'true');
  return search.toString();
}

/** One page of the activities ranked for a tender, best first, with why each scores as it does. */
export function useMatches(tenderId: string, params: MatchParams) {
  return useQuery({
    queryKey: matchingKeys.matches(tenderId, params),
    queryFn: ({ signal }) =>
      getJson(`${tenderPath(tenderId)}/matches?${matchSearch(params)}`, MatchPage, { signal }),
    // The page being left stays on screen (marked stale) while the next one loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * Asks for a suggested set of lines reaching a band of the tender's social value. A
 * mutation rather than a query: it is asked for by pressing a button, and what comes back
 * is the supplier's to edit, never to be refetched behind their back.
 */
export function useAskSuggestion(tenderId: string) {
  return useMutation({
    mutationFn: (band: SuggestionBand) =>
      getJson(`${tenderPath(tenderId)}/suggestion?band=${band}`, SuggestionView),
  });
}

/** What a tender's priorities can reach: matched activities, their room and their need. */
export function useReach(tenderId: string) {
  return useQuery({
    queryKey: matchingKeys.reach(tenderId),
    queryFn: ({ signal }) => getJson(`${tenderPath(tenderId)}/reach`, ReachView, { signal }),
  });
}

/** Open tenders an activity could support, best first, a page at a time. */
export function useOpportunities(activityId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: matchingKeys.opportunities(activityId, page),
    queryFn: ({ signal }) =>
      getJson(
        `/api/activities/${encodeURIComponent(activityId)}/opportunities?page=${page}&pageSize=${pageSize}`,
        OpportunityPage,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}
