import { ErrorMessage } from '../../components/ErrorMessage';
import { useResendVerification } from './email-verification.queries';
import './account-links.css';

/**
 * "Send the link again": emails the signed-in person a new link to verify their address, and
 * says so (or why it could not) where a screen reader hears it.
 */
export function ResendVerificationButton() {
  const resend = useResendVerification();
  return (
    <div className="resend-verification">
      {resend.isError ? (
        <ErrorMessage title="The link was not sent" error={resend.error} focus />
      ) : null}
      <p
        role="status"
        className={resend.isSuccess ? 'success-message account-links__message' : undefined}
        data-testid="resend-verification-status"
      >
        {resend.data?.message}
      </p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="resend-verification"
          onClick={() => resend.mutate()}
          disabled={resend.isPending}
        >
          {resend.isPending ? 'Sending…' : 'Send the link again'}
        </button>
      </div>
    </div>
  );
}
