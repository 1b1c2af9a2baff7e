import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import type { LineKind, LineStatus } from '@shared/schemas/tenders';
import { z } from 'zod';
import { getJson, sendJson, viewOf } from '../../lib/api';
import { spoKeys } from '../spos/spos.keys';
import { linkRequestKeys } from './link-requests.keys';

/**
 * One line of a supplier's SPO asking a provider's activity to take its support, as the
 * provider's inbox lists it. (`shared/` does not type this answer yet; kept to the API's.)
 */
export interface LinkRequestView {
  lineId: string;
  spoId: string;
  tender: { id: string; title: string; ocid: string; closesAt: string };
  supplier: { id: string; name: string };
  activity: { id: string; title: string };
  kind: LineKind;
  annualPence: number | null;
  annualHours: number | null;
  annualQuantity: string | null;
  /** The measure's code, or the measure itself (servers have sent both). */
  measure: string | { code: string; measure?: string; unit?: string } | null;
  description: string | null;
  status: LineStatus;
  providerNote: string;
  /** Accepting would take the activity past what it can absorb; absent when not worked out. */
  capacityExceeded?: boolean;
}

const LinkRequestsResponse = viewOf<{ items: LinkRequestView[] }>('items');
const STATUSES: LineStatus[] = ['pending', 'accepted', 'declined'];

/** Reads the requests of one status for the provider organisations the person belongs to. */
function fetchLinkRequests(status: LineStatus, signal: AbortSignal): Promise<LinkRequestView[]> {
  return getJson(`/api/link-requests?status=${status}`, LinkRequestsResponse, { signal }).then(
    (answer) => answer.items,
  );
}

/**
 * The provider inbox: requests awaiting an answer, then those accepted and declined, each
 * asked for separately so that the answer never depends on the API's default.
 */
export function useLinkRequests() {
  return useQueries({
    queries: STATUSES.map((status) => ({
      queryKey: [...linkRequestKeys.list(), status] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchLinkRequests(status, signal),
      staleTime: 15_000,
    })),
    combine: (results) => ({
      pending: results[0]?.data,
      answered: [...(results[1]?.data ?? []), ...(results[2]?.data ?? [])],
      isPending: results.some((r) => r.isPending),
      isFetching: results.some((r) => r.isFetching),
      error: results.find((r) => r.isError)?.error ?? null,
      refetch: () => Promise.all(results.map((r) => r.refetch())),
    }),
  });
}

/** A provider's answer to one request: accept or decline, with a note for the supplier. */
export interface LineResponseInput {
  spoId: string;
  lineId: string;
  decision: 'accepted' | 'declined';
  note: string;
}

/** Accepts or declines a line for an activity of the person's provider. */
export function useRespondToLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ spoId, lineId, decision, note }: LineResponseInput) =>
      sendJson(
        'POST',
        `/api/spos/${encodeURIComponent(spoId)}/lines/${encodeURIComponent(lineId)}/response`,
        { decision, note },
        // The answer is the SPO as the provider may see it; the inbox refetches instead.
        z.unknown(),
      ),
    onSuccess: (_answer, { spoId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: linkRequestKeys.all }),
        queryClient.invalidateQueries({ queryKey: spoKeys.detail(spoId) }),
        queryClient.invalidateQueries({ queryKey: spoKeys.ofTenders() }),
      ]),
  });
}
