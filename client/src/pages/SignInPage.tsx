import { Link, useLocation, useNavigate } from 'react-router-dom';
import { SignInForm } from '../features/auth/SignInForm';
import { PasswordResetDone } from '../features/auth/PasswordResetDone';
import { useDocumentTitle } from '../lib/document-title';
import { returnPath } from '../lib/return-to';

/**
 * `/sign-in`: back to the page the person came from once signed in. After a password reset
 * it says why they must sign in again.
 */
export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  useDocumentTitle('Sign in');

  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Sign in</h2>
        <PasswordResetDone state={location.state} />
        <SignInForm
          onSignedIn={() => void navigate(returnPath(location.state), { replace: true })}
        />
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          No account yet?{' '}
          <Link to="/sign-up" state={location.state}>
            Create an account
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
