import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import {
  LineStatuses,
  LinkRequests,
  SpoView,
  type LineResponse,
  type LineStatus,
  type LinkRequestView,
} from '@shared/schemas/tenders';
import type { z } from 'zod';
import { getJson, sendJson } from '../../lib/api';
import { spoKeys } from '../spos/spos.keys';
import { linkRequestKeys } from './link-requests.keys';

/** Reads the requests of one status for the provider organisations the person belongs to. */
function fetchLinkRequests(status: LineStatus, signal: AbortSignal): Promise<LinkRequestView[]> {
  return getJson(`/api/link-requests?status=${status}`, LinkRequests, { signal }).then(
    (answer) => answer.items,
  );
}

/**
 * The provider inbox: requests awaiting an answer, then those accepted and declined, each
 * asked for separately so that the answer never depends on the API's default.
 */
export function useLinkRequests() {
  return useQueries({
    queries: LineStatuses.map((status) => ({
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
export type LineResponseInput = z.input<typeof LineResponse> & { spoId: string; lineId: string };

/** Accepts or declines a line for an activity of the person's provider. */
export function useRespondToLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ spoId, lineId, decision, note }: LineResponseInput) =>
      sendJson(
        'POST',
        `/api/spos/${encodeURIComponent(spoId)}/lines/${encodeURIComponent(lineId)}/response`,
        { decision, note },
        // The SPO as the provider may see it (its own lines); the inbox refetches instead.
        SpoView,
      ),
    onSuccess: (_answer, { spoId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: linkRequestKeys.all }),
        queryClient.invalidateQueries({ queryKey: spoKeys.detail(spoId) }),
        queryClient.invalidateQueries({ queryKey: spoKeys.ofTenders() }),
      ]),
  });
}
