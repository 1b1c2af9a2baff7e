import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { page } from '@shared/schemas/accounts';
import { TerritoryNeedDetail } from '@shared/schemas/need';
import {
  TenderView,
  type AwardRequest,
  type TenderCreate,
  type TenderTransition,
  type TenderUpdate,
} from '@shared/schemas/tenders';
import type { z } from 'zod';
import { getJson, sendJson } from '../../lib/api';
import { activityKeys } from '../activities/activities.queries';
import { spoKeys } from '../spos/spos.keys';
import { tenderKeys, type TenderListParams } from './tenders.keys';

const TenderPage = page(TenderView);

const tenderPath = (id: string) => `/api/tenders/${encodeURIComponent(id)}`;

/** The list's query string: only the filters that are set. */
function listQuery({ status, territory, buyer, q, page, pageSize }: TenderListParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ status, territory, buyer, q })) {
    if (value) query.set(key, value);
  }
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  return query.toString();
}

/** One page of tenders matching the filters (a buyer's members also see their drafts). */
export function useTenders(params: TenderListParams) {
  return useQuery({
    queryKey: tenderKeys.list(params),
    queryFn: ({ signal }) => getJson(`/api/tenders?${listQuery(params)}`, TenderPage, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One tender, for its page, its edit form and its SPOs; `id` undefined waits. */
export function useTender(id: string | undefined) {
  return useQuery({
    queryKey: id === undefined ? [...tenderKeys.all, 'detail', 'idle'] : tenderKeys.detail(id),
    queryFn:
      id === undefined
        ? skipToken
        : ({ signal }) => getJson(tenderPath(id), TenderView, { signal }),
  });
}

/** Puts a tender's fresh view in place and marks every list (and count) as out of date. */
function settleTender(queryClient: ReturnType<typeof useQueryClient>, tender: TenderView) {
  queryClient.setQueryData(tenderKeys.detail(tender.id), tender);
  return queryClient.invalidateQueries({ queryKey: [...tenderKeys.all, 'list'] });
}

/** What creating sends: the parsed tender and the key that makes a retry safe. */
export interface CreateTenderInput {
  tender: TenderCreate;
  idempotencyKey: string;
}

/**
 * Creates a draft tender for a buyer the person belongs to. The `Idempotency-Key` makes a
 * retry after a lost answer return the first draft rather than create a second.
 */
export function useCreateTender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tender, idempotencyKey }: CreateTenderInput) =>
      sendJson('POST', '/api/tenders', tender, TenderView, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/** Changes a draft; the server refuses once it is published (`tender_not_draft`). */
export function useUpdateTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: TenderUpdate) => sendJson('PATCH', tenderPath(id), changes, TenderView),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/** Publishing moves a draft to `open`; cancelling ends a tender without award, with a reason. */
export type TenderTransitionInput = z.input<typeof TenderTransition>;

/** Publishes or cancels a tender (the buyer's members). */
export function useTransitionTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transition: TenderTransitionInput) =>
      sendJson('POST', `${tenderPath(id)}/transition`, transition, TenderView),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/**
 * Awards the contract to one SPO (the buyer's members, after closing), its contract starting
 * on the tender's start unless `contractStart` says otherwise; every other SPO
 * becomes not awarded, and the winner's activities gain a supporter. A second award is refused.
 */
export function useAwardTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (award: z.input<typeof AwardRequest>) =>
      sendJson('POST', `${tenderPath(id)}/award`, award, TenderView),
    onSuccess: (tender) =>
      Promise.all([
        settleTender(queryClient, tender),
        queryClient.invalidateQueries({ queryKey: spoKeys.all }),
        queryClient.invalidateQueries({ queryKey: [...activityKeys.all, 'supporters'] }),
      ]),
  });
}

/**
 * A territory's districts, to choose focus areas among (`GET /api/need/territories/:code`,
 * whose answer lists them). Keyed as the need feature keys that answer, so the two share it.
 */
export function useTerritoryDistricts(code: string) {
  return useQuery({
    queryKey: ['need', 'territory', code],
    queryFn: ({ signal }) =>
      getJson(`/api/need/territories/${encodeURIComponent(code)}`, TerritoryNeedDetail, {
        signal,
      }),
    // Open data that changes only when it is re-imported.
    staleTime: 30 * 60_000,
    select: (detail) => detail.lads,
  });
}
