import { useMutation, useQueryClient } from '@tanstack/react-query';
import { VerificationResent, type EmailVerify } from '@shared/schemas/accounts';
import type { z } from 'zod';
import { sendJson, sendWithoutAnswer } from '../../lib/api';
import { authKeys } from './auth.keys';

/** Verifies the email address with the emailed link's token; `/api/me` then says so. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof EmailVerify>) =>
      sendWithoutAnswer('POST', '/api/auth/verify-email', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}

/**
 * Emails the signed-in person a new link to verify their address; the answer says whether it
 * was sent or the address turned out to be verified already (then `/api/me` is out of date).
 */
export function useResendVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      sendJson('POST', '/api/auth/verify-email/resend', undefined, VerificationResent),
    onSuccess: async (answer) => {
      if (answer.status === 'already_verified')
        await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
