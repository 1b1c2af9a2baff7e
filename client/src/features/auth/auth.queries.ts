import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  MeView,
  SignUpAccepted,
  type ActingFor,
  type PasswordChange,
  type SignIn,
  type SignUp,
} from '@shared/schemas/accounts';
import type { z } from 'zod';
import { ApiError, getJson, sendJson, sendWithoutAnswer } from '../../lib/api';
import { coverageKeys } from '../coverage/coverage.keys';
import { linkRequestKeys } from '../link-requests/link-requests.keys';
import { organisationKeys } from '../organisations/organisations.keys';
import { spoKeys } from '../spos/spos.keys';
import { tenderKeys } from '../tenders/tenders.keys';
import { authKeys } from './auth.keys';

/** The signed-in person, or `null` when nobody is: a 401 here is an answer, not a failure. */
export async function fetchMe(signal?: AbortSignal): Promise<MeView | null> {
  try {
    return await getJson('/api/me', MeView, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Who is signed in (`data === null` when nobody is), their organisations and whom they act for. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe(signal),
  });
}

/**
 * Puts the server's fresh answer in place and refetches everything whose answer depends on
 * who is asking: members lists show or hide with the session; tenders' drafts, SPOs, the
 * provider inbox and coverage (a buyer's own pipeline) are forgotten outright, so that the
 * last person's view never flashes up.
 */
export async function settleIdentity(queryClient: QueryClient, me: MeView | null): Promise<void> {
  queryClient.setQueryData(authKeys.me(), me);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
    queryClient.resetQueries({ queryKey: tenderKeys.all }),
    queryClient.resetQueries({ queryKey: spoKeys.all }),
    queryClient.resetQueries({ queryKey: linkRequestKeys.all }),
    queryClient.resetQueries({ queryKey: coverageKeys.all }),
  ]);
}

/** Signs in with email and password; the session cookie arrives with the answer. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof SignIn>) =>
      sendJson('POST', '/api/auth/sign-in', input, MeView),
    onSuccess: (me) => settleIdentity(queryClient, me),
  });
}

/**
 * How a sign-up ended: signed in to the new account, or not signed in because the password
 * did not open the email's account (it already had one, with another password).
 */
export type SignUpOutcome = { signedIn: true; me: MeView } | { signedIn: false };

/**
 * Creates an account (and an organisation, when one is given), then signs in with the same
 * email and password. The server answers a sign-up the same whether or not the email already
 * had an account, so only the sign-in tells, and only the person who knows the password.
 */
export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.output<typeof SignUp>): Promise<SignUpOutcome> => {
      await sendJson('POST', '/api/auth/sign-up', input, SignUpAccepted);
      const credentials: z.input<typeof SignIn> = { email: input.email, password: input.password };
      try {
        return {
          signedIn: true,
          me: await sendJson('POST', '/api/auth/sign-in', credentials, MeView),
        };
      } catch (error) {
        // A wrong password for the email: an answer to show, not a failure.
        if (error instanceof ApiError && error.code === 'invalid_credentials') {
          return { signedIn: false };
        }
        throw error;
      }
    },
    onSuccess: async (outcome) => {
      if (outcome.signedIn) await settleIdentity(queryClient, outcome.me);
    },
  });
}

/** Ends the session on the server and forgets everything the client knew as that person. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendWithoutAnswer('POST', '/api/auth/sign-out'),
    onSuccess: () => settleIdentity(queryClient, null),
  });
}

/** Changes the password; the server signs out every other session and renews this one. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PasswordChange>) =>
      sendWithoutAnswer('POST', '/api/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}

/** Chooses which of the person's organisations they act for. */
export function useSetActingFor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (organisationId: string) => {
      const body: z.input<typeof ActingFor> = { organisationId };
      return sendJson('PUT', '/api/me/acting-for', body, MeView);
    },
    onSuccess: (me) => settleIdentity(queryClient, me),
  });
}
