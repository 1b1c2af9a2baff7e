import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { InvitationAccept } from '@shared/schemas/accounts';
import { ApiError } from '../lib/api';
import { ErrorMessage } from '../components/ErrorMessage';
import { SignInGate } from '../features/auth/SignInGate';
import { VerifyEmailFirstNotice } from '../features/auth/VerifyEmailFirstNotice';
import { useAcceptInvitation } from '../features/organisations/organisations.queries';
import { useDocumentTitle } from '../lib/document-title';
import { returnStateFrom } from '../lib/return-to';

/**
 * `/invitations/:token`: the link an owner passes on. Whoever opens it signs in (or up) with
 * the invited email, comes back here and accepts; only then do they join. Accepting needs the
 * email verified: until it is, the page says so and offers the verification link again.
 */
export function InvitationPage() {
  const { token = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  useDocumentTitle('Invitation');

  // A link cut short in copying is no invitation; the server would only call it invalid input.
  const wellFormed = InvitationAccept.safeParse({ token }).success;

  function handleAccept() {
    accept.reset();
    accept.mutate(token, {
      onSuccess: (organisation) =>
        void navigate(`/organisations/${organisation.id}`, { replace: true }),
    });
  }

  // The person's address is not verified (though `/api/me` may have said it was).
  const unverifiedRefusal =
    accept.error instanceof ApiError && accept.error.code === 'email_not_verified';

  let body;
  if (!wellFormed) {
    body = (
      <p>
        This link is not a whole invitation. Check that all of it was copied, or ask the owner who
        invited you for a new one.
      </p>
    );
  } else {
    body = (
      <SignInGate
        reason="to accept the invitation."
        signedOut={
          <>
            <p>
              Sign in or create an account with the invited email to accept. You will come back here
              afterwards.
            </p>
            <p className="form__actions">
              <Link className="button" to="/sign-in" state={returnStateFrom(location)}>
                Sign in
              </Link>
              <Link className="button" to="/sign-up" state={returnStateFrom(location)}>
                Create an account
              </Link>
            </p>
          </>
        }
      >
        {(me) => (
          <>
            {unverifiedRefusal || !me.person.emailVerified ? (
              <VerifyEmailFirstNotice
                email={me.person.email}
                toDo="accept the invitation"
                refused={unverifiedRefusal}
              />
            ) : null}
            {accept.isError && !unverifiedRefusal ? (
              <ErrorMessage title="The invitation could not be accepted" error={accept.error} />
            ) : null}
            <p>
              You are signed in as <strong>{me.person.email}</strong>. The invitation works only for
              the email it was made for; accepting it makes you a member of the organisation.
            </p>
            <div className="form__actions">
              <button
                type="button"
                className="button"
                data-testid="accept-invitation"
                onClick={handleAccept}
                disabled={accept.isPending || accept.isSuccess}
              >
                {accept.isPending || accept.isSuccess ? 'Accepting…' : 'Accept invitation'}
              </button>
            </div>
          </>
        )}
      </SignInGate>
    );
  }

  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="invitation-heading">
        <h2 id="invitation-heading">Invitation to join an organisation</h2>
        {body}
      </section>
    </div>
  );
}
