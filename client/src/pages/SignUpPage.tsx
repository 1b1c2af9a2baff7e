import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { OrganisationKind } from '@shared/schemas/accounts';
import { SignUpForm } from '../features/auth/SignUpForm';
import { useDocumentTitle } from '../lib/document-title';
import { returnPath } from '../lib/return-to';

/**
 * `/sign-up`: a new account, and maybe an organisation; then back where the person came from.
 * `?as=provider` (or supplier, buyer), from the home page's way in for each role, chooses the
 * new organisation's kind to begin with.
 */
export function SignUpPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const kind = OrganisationKind.safeParse(searchParams.get('as')).data;
  useDocumentTitle('Create an account');
  // Someone sent here by an invitation's link returns to it: no organisation of their own then.
  const invited = returnPath(location.state).startsWith('/invitations/');

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
          onSignedUp={() => void navigate(returnPath(location.state), { replace: true })}
        />
      </section>
    </div>
  );
}
