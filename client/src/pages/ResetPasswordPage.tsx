import { Link, useNavigate } from 'react-router-dom';
import { EmailLinkToken } from '@shared/schemas/accounts';
import { ResetPasswordForm } from '../features/auth/ResetPasswordForm';
import { useLinkToken } from '../features/auth/link-token';
import { PASSWORD_RESET_STATE } from '../features/auth/password-reset-notice';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/reset-password?token=…`, the emailed link: a new password for the account. The token
 * leaves the address bar as soon as it is read (`useLinkToken`); afterwards the person signs
 * in again, everywhere.
 */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const navigate = useNavigate();
  useDocumentTitle('Choose a new password');
  // A link cut short in copying is no link; the server would only call it invalid input.
  const wellFormed = EmailLinkToken.safeParse(token).success;

  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="reset-heading">
        <h2 id="reset-heading">Choose a new password</h2>
        {wellFormed ? (
          <ResetPasswordForm
            token={token}
            onReset={() =>
              void navigate('/sign-in', { replace: true, state: PASSWORD_RESET_STATE })
            }
          />
        ) : (
          <p>
            This link is not whole. Check that all of it was copied from the email, or{' '}
            <Link to="/forgot-password">ask for a new link</Link>.
          </p>
        )}
      </section>
    </div>
  );
}
