import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { OrganisationKind } from '@shared/schemas/accounts';
import { ConfirmationPanel } from '../components/ConfirmationPanel';
import { SignUpForm } from '../features/auth/SignUpForm';
import { useDocumentTitle } from '../lib/document-title';
import { returnPath } from '../lib/return-to';

/**
 * `/sign-up`: a new account, and maybe an organisation; then a receipt saying that a link to
 * verify the email is on its way, and a way back to where the person came from.
 * `?as=provider` (or supplier, buyer), from the home page's way in for each role, chooses the
 * new organisation's kind to begin with.
 */
export function SignUpPage() {
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const [signedUpAs, setSignedUpAs] = useState<string>();
  const kind = OrganisationKind.safeParse(searchParams.get('as')).data;
  useDocumentTitle(signedUpAs ? 'Account created' : 'Create an account');
  // Someone sent here by an invitation's link returns to it: no organisation of their own then.
  const invited = returnPath(location.state).startsWith('/invitations/');

  if (signedUpAs) {
    return (
      <div className="page">
        <div className="page__inner">
          <ConfirmationPanel
            title="Your account has been created"
            data-testid="signed-up"
            next={
              <>
                <p>
                  We’ve sent a link to <strong>{signedUpAs}</strong> to verify your email address.
                  Open it to confirm that the address is yours: until then you cannot accept an
                  invitation to join an organisation.
                </p>
                <p>
                  <Link className="button" to={returnPath(location.state)} replace>
                    {invited ? 'Continue to your invitation' : 'Continue'}
                  </Link>
                </p>
              </>
            }
          />
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="sign-up-heading">
        <h2 id="sign-up-heading">Create an account</h2>
        <p>
          Already have one?{' '}
          <Link to="/sign-in" state={location.state}>
            Sign in
          </Link>
          .
        </p>
        <SignUpForm
          invited={invited}
          kind={kind}
          onSignedUp={(me) => setSignedUpAs(me.person.email)}
        />
      </section>
    </div>
  );
}
