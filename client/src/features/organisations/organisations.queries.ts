import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberAdd, MembersView, OrganisationView } from '@shared/schemas/accounts';
import type { z } from 'zod';
import { getJson, isRefusal, sendJson, sendWithoutAnswer, viewOf } from '../../lib/api';
import { authKeys } from '../auth/auth.keys';
import { organisationKeys } from './organisations.keys';

const OrganisationResponse = viewOf<OrganisationView>('id', 'kind', 'name', 'verified');
const MembersResponse = viewOf<MembersView>('members', 'invitations');

const organisationPath = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

/** An organisation's public profile. */
export function useOrganisation(id: string) {
  return useQuery({
    queryKey: organisationKeys.detail(id),
    queryFn: ({ signal }) => getJson(organisationPath(id), OrganisationResponse, { signal }),
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
        return await getJson(`${organisationPath(id)}/members`, MembersResponse, { signal });
      } catch (error) {
        if (isRefusal(error)) return null;
        throw error;
      }
    },
    enabled,
  });
}

/** Adds a person with an account, or invites an email without one; owners and admins only. */
export function useAddMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof MemberAdd>) =>
      sendJson('POST', `${organisationPath(id)}/members`, input, MembersResponse),
    onSuccess: (members) => {
      queryClient.setQueryData(organisationKeys.members(id), members);
      // The person added may be the one signed in (an admin adding themselves).
      return queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/** Removes a member; the server refuses to remove the last owner (`last_owner`). */
export function useRemoveMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) =>
      sendWithoutAnswer(
        'DELETE',
        `${organisationPath(id)}/members/${encodeURIComponent(personId)}`,
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKeys.members(id) }),
        // Someone who removes themselves no longer belongs, nor may act for it.
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]),
  });
}

/** Marks an organisation verified or not; administrators only. */
export function useSetVerified(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (verified: boolean) =>
      sendJson('PUT', `${organisationPath(id)}/verified`, { verified }, OrganisationResponse),
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKeys.detail(id), organisation);
      // `me` carries each of the person's organisations, verified flag included.
      return queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
