import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { page } from '@shared/schemas/accounts';
import { ActivitySummary, ActivityStatuses } from '@shared/schemas/activities';
import {
  LinkRequestCounts,
  MySpoPage,
  MyTenderPage,
  TenderView,
  type SpoStatus,
  type TenderStatus,
} from '@shared/schemas/tenders';
import { getJson } from '../../lib/api';
import { activityKeys } from '../activities/activities.queries';
import { linkRequestKeys } from '../link-requests/link-requests.keys';
import { spoKeys } from '../spos/spos.keys';
import { tenderKeys } from '../tenders/tenders.keys';

// The home page's keys sit under each feature's own, so that what invalidates a feature's
// lists (an answer, a submission, an award, signing out) refreshes the home page too.
const homeKeys = {
  providerActivities: (providerId: string, pageNumber: number) =>
    [...activityKeys.all, 'list', 'provider', providerId, pageNumber] as const,
  linkRequestCounts: () => [...linkRequestKeys.all, 'counts'] as const,
  mySpos: (status: SpoStatus | undefined, pageNumber: number) =>
    [...spoKeys.all, 'mine', status ?? 'all', pageNumber] as const,
  openTendersIn: (codes: readonly string[], pageNumber: number) =>
    [...tenderKeys.all, 'list', 'open-in', codes.join(','), pageNumber] as const,
  myTenders: (status: TenderStatus | undefined, pageNumber: number) =>
    [...tenderKeys.all, 'list', 'mine', status ?? 'all', pageNumber] as const,
};

/** How many rows a home page list shows at a time; each has a pager beyond that. */
export const HOME_PAGE_SIZE = 5;

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, String(value));
  return search.toString().replace(/%2C/g, ',');
};

/** One page of a provider's activities, whatever their status (closed ones included). */
export function useProviderActivities(providerId: string, pageNumber: number) {
  return useQuery({
    queryKey: homeKeys.providerActivities(providerId, pageNumber),
    queryFn: ({ signal }) =>
      getJson(
        `/api/activities?${query({
          provider: providerId,
          status: ActivityStatuses.join(','),
          page: pageNumber,
          pageSize: HOME_PAGE_SIZE,
        })}`,
        page(ActivitySummary),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** For each provider the person belongs to: requests waiting for an answer, and answered. */
export function useLinkRequestCounts() {
  return useQuery({
    queryKey: homeKeys.linkRequestCounts(),
    queryFn: ({ signal }) => getJson('/api/link-requests/counts', LinkRequestCounts, { signal }),
    staleTime: 15_000,
  });
}

/** One page of the person's suppliers' SPOs (of one status if given), with counts by status. */
export function useMySpos(status: SpoStatus | undefined, pageNumber: number) {
  return useQuery({
    queryKey: homeKeys.mySpos(status, pageNumber),
    queryFn: ({ signal }) =>
      getJson(
        `/api/me/spos?${query({ status, page: pageNumber, pageSize: HOME_PAGE_SIZE })}`,
        MySpoPage,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One page of the tenders open for bids in any of these territories. */
export function useOpenTendersIn(codes: readonly string[], pageNumber: number) {
  return useQuery({
    queryKey: homeKeys.openTendersIn(codes, pageNumber),
    queryFn: ({ signal }) =>
      getJson(
        `/api/tenders?${query({
          status: 'open',
          territories: codes.join(','),
          page: pageNumber,
          pageSize: HOME_PAGE_SIZE,
        })}`,
        page(TenderView),
        { signal },
      ),
    enabled: codes.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One page of the person's buyers' tenders (of one status if given), with counts by status. */
export function useMyTenders(status: TenderStatus | undefined, pageNumber: number) {
  return useQuery({
    queryKey: homeKeys.myTenders(status, pageNumber),
    queryFn: ({ signal }) =>
      getJson(
        `/api/me/tenders?${query({ status, page: pageNumber, pageSize: HOME_PAGE_SIZE })}`,
        MyTenderPage,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}
