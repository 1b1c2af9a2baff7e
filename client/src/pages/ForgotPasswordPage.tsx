import { Link } from 'react-router-dom';
import { ForgotPasswordForm } from '../features/auth/ForgotPasswordForm';
import { useDocumentTitle } from '../lib/document-title';

/** `/forgot-password`: asks for a link, emailed, to choose a new password. */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot your password?');

  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="forgot-heading">
        <h2 id="forgot-heading">Forgot your password?</h2>
        <p>
          Enter the email address of your account. We will email you a link to choose a new
          password.
        </p>
        <ForgotPasswordForm />
        <p>
          Remembered it? <Link to="/sign-in">Sign in</Link>.
        </p>
      </section>
    </div>
  );
}
