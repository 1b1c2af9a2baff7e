import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  InvitationCreated,
  MembersView,
  OrganisationView,
  type InvitationAccept,
  type MemberAdd,
  type VerifiedUpdate,
} from '@shared/schemas/accounts';
import type { z } from 'zod';
import { getJson, isRefusal, sendJson, sendWithoutAnswer } from '../../lib/api';
import { authKeys } from '../auth/auth.keys';
import { organisationKeys } from './organisations.keys';

const organisationPath = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

/** An organisation's public profile. */
export function useOrganisation(id: string) {
  return useQuery({
    queryKey: organisationKeys.detail(id),
    queryFn: ({ signal }) => getJson(organisationPath(id), OrganisationView, { signal }),
  });
}

/**
 * Members and pending invitations, for those allowed to see them; `data === null` when the
 * server refuses, which is an answer (the section is not theirs to see) rather than a failure.
 */
export function useMembers(id: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: organisationKeys.members(id),
    queryFn: async ({ signal }) => {
      try {
        return await getJson(`${organisationPath(id)}/members`, MembersView, { signal });
      } catch (error) {
        if (isRefusal(error)) return null;
        throw error;
      }
    },
    enabled,
  });
}

/**
 * Invites an email to join, with an account or not; owners and admins only. The answer's
 * `acceptPath` holds the one-time token, which the server never shows again.
 */
export function useInviteMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof MemberAdd>) =>
      sendJson('POST', `${organisationPath(id)}/members`, input, InvitationCreated),
    // The pending invitations list shows the new (or renewed) invitation.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.members(id) }),
  });
}

/** Removes a person from an organisation: by an owner or admin, or by the person leaving. */
function deleteMember(id: string, personId: string): Promise<void> {
  return sendWithoutAnswer(
    'DELETE',
    `${organisationPath(id)}/members/${encodeURIComponent(personId)}`,
  );
}

/**
 * Removes a member (owners and admins; leaving is `useLeaveOrganisation`); the server refuses
 * to remove the last owner (`last_owner`).
 */
export function useRemoveMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => deleteMember(id, personId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKeys.members(id) }),
        // Someone who removes themselves no longer belongs, nor may act for it.
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]),
  });
}

/**
 * The signed-in person leaves the organisation (`personId` is theirs); the last owner may
 * not (`last_owner`). `onLeft` runs from here rather than from `mutate`, whose callbacks are
 * lost once the members section goes (as it does when `me` no longer lists the organisation);
 * it runs after `me` is fresh, so that the next page already shows them gone.
 */
export function useLeaveOrganisation(id: string, onLeft: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => deleteMember(id, personId),
    onSuccess: async () => {
      // They no longer belong, nor may act for it.
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
      onLeft();
      await queryClient.invalidateQueries({ queryKey: organisationKeys.members(id) });
    },
  });
}

/** Marks an organisation verified or not; administrators only. */
export function useSetVerified(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (verified: boolean) => {
      const body: z.input<typeof VerifiedUpdate> = { verified };
      return sendJson('PUT', `${organisationPath(id)}/verified`, body, OrganisationView);
    },
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKeys.detail(id), organisation);
      // `me` carries each of the person's organisations, verified flag included.
      return queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/**
 * Accepts an invitation with the token from its link, for the signed-in person, whose email
 * must be the invited one; anything else is `invitation_not_found`. Answers the organisation.
 */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => {
      const body: z.input<typeof InvitationAccept> = { token };
      return sendJson('POST', '/api/invitations/accept', body, OrganisationView);
    },
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKeys.detail(organisation.id), organisation);
      return Promise.all([
        // The person now belongs: `me` lists the organisation, and its members are theirs to see.
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
        queryClient.invalidateQueries({ queryKey: organisationKeys.members(organisation.id) }),
      ]);
    },
  });
}
