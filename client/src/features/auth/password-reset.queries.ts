import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  PasswordResetAccepted,
  type PasswordResetConfirm,
  type PasswordResetRequest,
} from '@shared/schemas/accounts';
import type { z } from 'zod';
import { sendJson, sendWithoutAnswer } from '../../lib/api';
import { settleIdentity } from './auth.queries';

/**
 * Asks for a link to choose a new password. The server answers the same whether or not the
 * email has an account, so the answer says nothing about who has one.
 */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: z.output<typeof PasswordResetRequest>) =>
      sendJson('POST', '/api/auth/password-reset', input, PasswordResetAccepted),
  });
}

/**
 * Sets a new password with the emailed link's token. The server ends every session of the
 * person, this browser's too if it was signed in as them: the client forgets who it knew.
 */
export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PasswordResetConfirm>) =>
      sendWithoutAnswer('POST', '/api/auth/password-reset/confirm', input),
    onSuccess: () => settleIdentity(queryClient, null),
  });
}
