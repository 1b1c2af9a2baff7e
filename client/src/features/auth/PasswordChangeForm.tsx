import { useState } from 'react';
import { PasswordChange } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { ApiError } from '../../lib/api';
import { check, useCheckedForm, type FieldErrors } from '../../lib/form-errors';
import { useChangePassword } from './auth.queries';

/** Changes the signed-in person's password; the server signs out their other sessions. */
export function PasswordChangeForm() {
  const changePassword = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const values = { currentPassword, newPassword };
  const { data, errors: found } = check(PasswordChange, values);
  const clientErrors: FieldErrors = { ...found };
  if (!currentPassword) clientErrors.currentPassword ??= 'Enter your current password';
  const { formRef, errors, handleSubmit, reset } = useCheckedForm(
    values,
    { data, errors: clientErrors },
    changePassword,
    {
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
        reset();
      },
      // The one refusal that is about a field: shown there as well as above the form.
      fieldErrorsOf: (error) =>
        error instanceof ApiError && error.code === 'invalid_credentials'
          ? { currentPassword: error.message }
          : {},
    },
  );

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {changePassword.isError ? (
        <ErrorMessage title="Your password was not changed" error={changePassword.error} />
      ) : null}
      {changePassword.isSuccess ? (
        <p className="success-message" role="status">
          Your password has been changed. Any other browser signed in as you has been signed out.
        </p>
      ) : null}
      <TextField
        label="Current password"
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        name="newPassword"
        autoComplete="new-password"
        hint="At least 12 characters."
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={errors.newPassword}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={changePassword.isPending}>
          {changePassword.isPending ? 'Changing password…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
