import { cameFromPasswordReset } from './password-reset-notice';
import './account-links.css';

/**
 * On the sign-in page just after a password reset (its navigation `state` says so): why the
 * person must sign in again. Nothing otherwise.
 */
export function PasswordResetDone({ state }: { state: unknown }) {
  if (!cameFromPasswordReset(state)) return null;
  return (
    <p
      className="success-message account-links__message"
      role="status"
      data-testid="password-reset-done"
    >
      Your password has changed; sign in again. You have been signed out everywhere.
    </p>
  );
}
