import { useState } from 'react';
import { PasswordResetConfirm } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormProblems } from '../../components/FormProblems';
import { TextField } from '../../components/TextField';
import { ApiError } from '../../lib/api';
import { check, useCheckedForm, type FieldErrors } from '../../lib/form-errors';
import { ExpiredLinkNotice } from './ExpiredLinkNotice';
import { useConfirmPasswordReset } from './password-reset.queries';

const LABELS: Record<string, string> = {
  newPassword: 'New password',
  confirmPassword: 'New password again',
};

interface ResetPasswordFormProps {
  /** The token of the emailed link. */
  token: string;
  /** Runs once the new password is set (and every session signed out). */
  onReset: () => void;
}

/**
 * A new password, typed twice, for the account of an emailed link. The server judges how
 * guessable it is, as at sign-up, and says why next to the field. A link that is unknown,
 * used or past its 30 minutes ends the form: a new one must be asked for.
 */
export function ResetPasswordForm({ token, onReset }: ResetPasswordFormProps) {
  const reset = useConfirmPasswordReset();
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const values = { newPassword, confirmPassword };
  const { data, errors: found } = check(PasswordResetConfirm, { token, newPassword });
  const clientErrors: FieldErrors = {};
  if (found.newPassword) clientErrors.newPassword = found.newPassword;
  if (!newPassword) clientErrors.newPassword = 'Enter a new password';
  if (!confirmPassword) clientErrors.confirmPassword = 'Enter the new password again';
  else if (confirmPassword !== newPassword)
    clientErrors.confirmPassword = 'The two passwords are not the same: type it again';
  const { formRef, errors, handleSubmit } = useCheckedForm(
    values,
    { data, errors: clientErrors },
    reset,
    { onSuccess: onReset },
  );

  const error = reset.error;
  if (error instanceof ApiError && error.code === 'link_expired') {
    return (
      <ExpiredLinkNotice>
        Links to choose a new password work once, for 30 minutes.
      </ExpiredLinkNotice>
    );
  }

  // A refusal about a field (a guessable password) shows there and in the summary.
  const aboutFields = error instanceof ApiError && error.code === 'validation_failed';
  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      <FormProblems
        errors={errors}
        labelOf={(path) => LABELS[path] ?? 'The password'}
        data-testid="reset-password-problems"
      />
      {reset.isError && !aboutFields ? (
        <ErrorMessage title="Your password was not changed" error={error} focus />
      ) : null}
      <TextField
        label={LABELS.newPassword!}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        hint="At least 12 characters. A few unrelated words make a strong one."
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={errors.newPassword}
      />
      <TextField
        label={LABELS.confirmPassword!}
        type="password"
        name="confirmPassword"
        autoComplete="new-password"
        value={confirmPassword}
        onChange={(event) => setConfirmPassword(event.target.value)}
        error={errors.confirmPassword}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={reset.isPending || reset.isSuccess}>
          {reset.isPending || reset.isSuccess ? 'Changing password…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
