import { Link } from 'react-router-dom';
import { EmailLinkToken } from '@shared/schemas/accounts';
import { VerifyEmailAction } from '../features/auth/VerifyEmailAction';
import { useLinkToken } from '../features/auth/link-token';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/verify-email?token=…`, the emailed link: a button that verifies the address. The token
 * leaves the address bar as soon as it is read (`useLinkToken`).
 */
export function VerifyEmailPage() {
  const token = useLinkToken();
  useDocumentTitle('Verify your email address');
  // A link cut short in copying is no link; the server would only call it invalid input.
  const wellFormed = EmailLinkToken.safeParse(token).success;

  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify your email address</h2>
        {wellFormed ? (
          <VerifyEmailAction token={token} />
        ) : (
          <p>
            This link is not whole. Check that all of it was copied from the email, or ask for a new
            one from <Link to="/account">your account</Link>.
          </p>
        )}
      </section>
    </div>
  );
}
