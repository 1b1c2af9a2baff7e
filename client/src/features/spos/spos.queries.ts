import {
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  SpoView,
  type CredibilityMark,
  type SpoCreate,
  type SpoLineInput,
} from '@shared/schemas/tenders';
import { z } from 'zod';
import { ApiError, getJson, sendJson } from '../../lib/api';
import { linkRequestKeys } from '../link-requests/link-requests.keys';
import { spoKeys } from './spos.keys';

const SpoList = z.array(SpoView);

const spoPath = (id: string) => `/api/spos/${encodeURIComponent(id)}`;
const tenderSposPath = (tenderId: string) => `/api/tenders/${encodeURIComponent(tenderId)}/spos`;

/** One SPO; anyone not allowed to see it gets `spo_not_found`, as if there were none. */
export function useSpo(id: string) {
  return useQuery({
    queryKey: spoKeys.detail(id),
    queryFn: ({ signal }) => getJson(spoPath(id), SpoView, { signal }),
  });
}

/**
 * A tender's SPOs as the viewer may see them: every submitted one for its buyer after
 * closing, a supplier's own, or (for everyone) the awarded one. `tenderId` undefined waits.
 */
export function useTenderSpos(tenderId: string | undefined) {
  return useQuery({
    queryKey:
      tenderId === undefined ? [...spoKeys.ofTenders(), 'idle'] : spoKeys.ofTender(tenderId),
    queryFn:
      tenderId === undefined
        ? skipToken
        : ({ signal }) => getJson(tenderSposPath(tenderId), SpoList, { signal }),
  });
}

/** After any change to an SPO: its view in place, and every list that may show it stale. */
function settleSpo(queryClient: QueryClient, spo: SpoView) {
  queryClient.setQueryData(spoKeys.detail(spo.id), spo);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: spoKeys.ofTenders() }),
    // A line added or removed is a request in (or out of) a provider's inbox.
    queryClient.invalidateQueries({ queryKey: linkRequestKeys.all }),
  ]);
}

/** The id the server names in a `spo_exists` refusal: the supplier's SPO for that tender. */
function existingSpoId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'spo_exists') return undefined;
  const details = error.details as { spoId?: unknown } | null | undefined;
  return typeof details?.spoId === 'string' ? details.spoId : undefined;
}

/** What starting an SPO sends: the supplier it is for and the key that makes a retry safe. */
export type CreateSpoInput = z.input<typeof SpoCreate> & { idempotencyKey: string };

/**
 * Starts a supplier's draft SPO for a tender, or finds the one it already has (one per
 * supplier per tender): answers the SPO's id either way.
 */
export function useCreateSpo(tenderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ idempotencyKey, ...body }: CreateSpoInput): Promise<string> => {
      try {
        const spo = await sendJson('POST', tenderSposPath(tenderId), body, SpoView, {
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        await settleSpo(queryClient, spo);
        return spo.id;
      } catch (error) {
        const existing = existingSpoId(error);
        if (existing) return existing;
        throw error;
      }
    },
  });
}

/** What adding a line sends: the line and the key that makes a retry safe. */
export interface AddLineInput {
  line: SpoLineInput;
  idempotencyKey: string;
}

/**
 * Adds a commitment to one activity (a link-up request its provider must accept). On a
 * submitted SPO this starts a new draft version, which must be submitted again.
 */
export function useAddSpoLine(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ line, idempotencyKey }: AddLineInput) =>
      sendJson('POST', `${spoPath(spoId)}/lines`, line, SpoView, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (spo) => settleSpo(queryClient, spo),
  });
}

/** Removes a line (drafts, and submitted SPOs before closing, which then become drafts again). */
export function useRemoveSpoLine(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lineId: string) =>
      sendJson(
        'DELETE',
        `${spoPath(spoId)}/lines/${encodeURIComponent(lineId)}`,
        undefined,
        SpoView,
      ),
    onSuccess: (spo) => settleSpo(queryClient, spo),
  });
}

/**
 * Submits the SPO, sealing a numbered version with its time and content hash. Refused
 * unless every line is accepted (`lines_not_accepted`) and before closing (`tender_closed`).
 */
export function useSubmitSpo(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('POST', `${spoPath(spoId)}/submit`, undefined, SpoView),
    onSuccess: (spo) => settleSpo(queryClient, spo),
  });
}

/** Withdraws a submitted SPO from the tender. */
export function useWithdrawSpo(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('POST', `${spoPath(spoId)}/withdraw`, undefined, SpoView),
    onSuccess: (spo) => settleSpo(queryClient, spo),
  });
}

/** A buyer's judgement of an SPO after closing: not credible scores nothing, with a reason. */
export type CredibilityInput = z.input<typeof CredibilityMark>;

/** Marks an SPO not credible (or credible again); the tender's buyer, after closing. */
export function useSetSpoCredibility(spoId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mark: CredibilityInput) =>
      sendJson('PUT', `${spoPath(spoId)}/credibility`, mark, SpoView),
    // Every score of the tender depends on which SPOs are credible.
    onSuccess: (spo) => settleSpo(queryClient, spo),
  });
}
