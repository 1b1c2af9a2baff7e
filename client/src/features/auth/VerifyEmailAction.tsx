import { Link } from 'react-router-dom';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError } from '../../lib/api';
import { useMe } from './auth.queries';
import { useVerifyEmail } from './email-verification.queries';
import { ExpiredLinkNotice } from './ExpiredLinkNotice';
import { ResendVerificationButton } from './ResendVerificationButton';

/**
 * The button that verifies an email address with an emailed link's token. It waits for the
 * press rather than verifying as the page opens: mail scanners open links to check them, and
 * must not verify an address on their own.
 */
export function VerifyEmailAction({ token }: { token: string }) {
  const verify = useVerifyEmail();
  const me = useMe();
  const signedIn = me.data ?? null;

  if (verify.isSuccess) {
    return (
      <ConfirmationPanel
        title="Your email address is verified"
        data-testid="email-verified"
        next={
          <p>
            {signedIn ? (
              <>
                You can now accept invitations to join an organisation.{' '}
                <Link to="/account">Go to your account</Link>.
              </>
            ) : (
              <>
                <Link to="/sign-in">Sign in</Link> to carry on.
              </>
            )}
          </p>
        }
      />
    );
  }

  const error = verify.error;
  if (error instanceof ApiError && error.code === 'link_expired') {
    // An old link opened again after the address was verified: nothing left to do.
    if (signedIn?.person.emailVerified) {
      return (
        <p className="success-message" role="status" data-testid="email-already-verified">
          This link no longer works, but there is nothing left to do: your email address{' '}
          {signedIn.person.email} is verified. <Link to="/account">Go to your account</Link>.
        </p>
      );
    }
    return (
      <ExpiredLinkNotice
        action={
          signedIn ? (
            <>
              <p>We can send a new link to {signedIn.person.email}.</p>
              <ResendVerificationButton />
            </>
          ) : (
            <p>
              <Link to="/sign-in" state={{ from: '/account' }}>
                Sign in
              </Link>{' '}
              to ask for a new link from your account page.
            </p>
          )
        }
      />
    );
  }

  return (
    <>
      {verify.isError ? (
        <ErrorMessage title="Your email address was not verified" error={error} focus />
      ) : null}
      <p>Press the button to confirm that this email address is yours.</p>
      <div className="form__actions">
        <button
          type="button"
          className="button"
          data-testid="verify-email"
          onClick={() => {
            verify.reset();
            verify.mutate({ token });
          }}
          disabled={verify.isPending}
        >
          {verify.isPending ? 'Verifying…' : 'Verify my email address'}
        </button>
      </div>
    </>
  );
}
