/** What the sign-in page is given after a password reset, to say why the person must sign in. */
export const PASSWORD_RESET_STATE = { passwordReset: true } as const;

/** Whether the sign-in page was opened just after a password reset (see `PASSWORD_RESET_STATE`). */
export function cameFromPasswordReset(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    (state as { passwordReset?: unknown }).passwordReset === true
  );
}
