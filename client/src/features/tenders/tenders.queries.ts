import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Page } from '@shared/schemas/accounts';
import type { TenderCreate, TenderUpdate, TenderView } from '@shared/schemas/tenders';
import { getJson, sendJson, viewOf } from '../../lib/api';
import { activityKeys } from '../activities/activities.queries';
import { spoKeys } from '../spos/spos.keys';
import { tenderKeys, type TenderListParams } from './tenders.keys';

/** A tender as the API sends it; the rest of its shape is the server's to keep. */
export const TenderResponse = viewOf<TenderView>(
  'id',
  'ocid',
  'buyer',
  'title',
  'status',
  'closesAt',
  'territories',
);
const TenderPageResponse = viewOf<Page<TenderView>>('items', 'page', 'pageSize', 'total');

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
    queryFn: ({ signal }) =>
      getJson(`/api/tenders?${listQuery(params)}`, TenderPageResponse, { signal }),
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
        : ({ signal }) => getJson(tenderPath(id), TenderResponse, { signal }),
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
      sendJson('POST', '/api/tenders', tender, TenderResponse, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/** Changes a draft; the server refuses once it is published (`tender_not_draft`). */
export function useUpdateTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: TenderUpdate) =>
      sendJson('PATCH', tenderPath(id), changes, TenderResponse),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/** Publishing moves a draft to `open`; cancelling ends a tender without award, with a reason. */
export interface TenderTransitionInput {
  status: 'open' | 'cancelled';
  reason?: string | undefined;
}

/** Publishes or cancels a tender (the buyer's members). */
export function useTransitionTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transition: TenderTransitionInput) =>
      sendJson('POST', `${tenderPath(id)}/transition`, transition, TenderResponse),
    onSuccess: (tender) => settleTender(queryClient, tender),
  });
}

/** What awarding sends: the winning SPO and, when not the tender's start, the contract's. */
export interface AwardInput {
  spoId: string;
  contractStart?: string | undefined;
}

/**
 * Awards the contract to one SPO (the buyer's members, after closing); every other SPO
 * becomes not awarded, and the winner's activities gain a supporter. A second award is refused.
 */
export function useAwardTender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (award: AwardInput) =>
      sendJson('POST', `${tenderPath(id)}/award`, award, TenderResponse),
    onSuccess: (tender) =>
      Promise.all([
        settleTender(queryClient, tender),
        queryClient.invalidateQueries({ queryKey: spoKeys.all }),
        queryClient.invalidateQueries({ queryKey: [...activityKeys.all, 'supporters'] }),
      ]),
  });
}
