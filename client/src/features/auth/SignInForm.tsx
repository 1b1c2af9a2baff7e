import { useState } from 'react';
import { SignIn } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { check, useCheckedForm, type FieldErrors } from '../../lib/form-errors';
import { useSignIn } from './auth.queries';

/** Email and password; `onSignedIn` runs once the session is open. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const values = { email, password };
  const { data, errors: found } = check(SignIn, values);
  const clientErrors: FieldErrors = { ...found };
  // The schema lets empty strings through for the server to refuse, but an empty form
  // would only earn the generic failure, which says nothing about what is missing.
  if (!email.trim()) clientErrors.email ??= 'Enter your email address';
  if (!password) clientErrors.password ??= 'Enter your password';
  const { formRef, errors, handleSubmit } = useCheckedForm(
    values,
    { data, errors: clientErrors },
    signIn,
    { onSuccess: onSignedIn },
  );

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {signIn.isError ? (
        <ErrorMessage
          title="You could not be signed in"
          error={signIn.error}
          focus
          data-testid="sign-in-error"
        />
      ) : null}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.password}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
