import { useState } from 'react';
import { PasswordResetRequest } from '@shared/schemas/accounts';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { check, useCheckedForm, type FieldErrors } from '../../lib/form-errors';
import { useRequestPasswordReset } from './password-reset.queries';

/**
 * The email to send a link to, for choosing a new password. What follows is the same whether
 * or not an account uses the address: the page must not tell who has an account.
 */
export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const values = { email };
  const { data, errors: found } = check(PasswordResetRequest, values);
  const clientErrors: FieldErrors = { ...found };
  if (!email.trim()) clientErrors.email = 'Enter your email address';
  const { formRef, errors, handleSubmit } = useCheckedForm(
    values,
    { data, errors: clientErrors },
    request,
    { onSuccess: () => undefined },
  );

  if (request.isSuccess) {
    return (
      <ConfirmationPanel
        title="Check your email"
        data-testid="password-reset-requested"
        next={
          <>
            <p>
              If an account uses <strong>{data?.email ?? email}</strong>, we have emailed a link to
              it. Open the link to choose a new password. It works once, for 30 minutes.
            </p>
            <p>
              Nothing after a few minutes? Check your spam or junk folder, and that this is the
              address you signed up with, then ask again.
            </p>
            <div className="form__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => request.reset()}
              >
                Ask for another link
              </button>
            </div>
          </>
        }
      />
    );
  }

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {request.isError ? (
        <ErrorMessage title="The link could not be sent" error={request.error} focus />
      ) : null}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        hint="The address you use to sign in."
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.email}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={request.isPending}>
          {request.isPending ? 'Sending…' : 'Send me a link'}
        </button>
      </div>
    </form>
  );
}
