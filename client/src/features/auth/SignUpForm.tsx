import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { SignUp, type MeView, type OrganisationKind } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { check, useCheckedForm, type FieldErrors } from '../../lib/form-errors';
import {
  EMPTY_ORGANISATION,
  organisationInput,
  OrganisationFields,
  type OrganisationDraft,
} from '../organisations/OrganisationFields';
import { useSignUp } from './auth.queries';

type OrganisationChoice = 'create' | 'later';

/** The messages under `organisation.` for the organisation's own fields. */
function organisationErrors(errors: FieldErrors): FieldErrors {
  const prefix = 'organisation.';
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, message]) => [path.slice(prefix.length), message]),
  );
}

interface SignUpFormProps {
  /** Runs once the new account's session is open, with who is now signed in. */
  onSignedUp: (me: MeView) => void;
  /** Whether the person came from an invitation's link, and returns to it to accept. */
  invited?: boolean;
  /** The kind of organisation to offer first (the person can still change it). */
  kind?: OrganisationKind | undefined;
}

/**
 * A new account: name, email and password, and either a new organisation to own or none
 * (someone invited accepts afterwards, from the invitation's link). `onSignedUp` runs once
 * the session is open. When the email and password do not sign in (the email already had an
 * account, with another password), it says so and points to sign-in instead.
 */
export function SignUpForm({ onSignedUp, invited = false, kind }: SignUpFormProps) {
  const location = useLocation();
  const signUp = useSignUp();
  const notSignedIn = signUp.data?.signedIn === false;
  const notSignedInRef = useRef<HTMLParagraphElement>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [choice, setChoice] = useState<OrganisationChoice>(invited ? 'later' : 'create');
  const [organisation, setOrganisation] = useState<OrganisationDraft>(() => ({
    ...EMPTY_ORGANISATION,
    kind: kind ?? EMPTY_ORGANISATION.kind,
  }));
  const choiceName = useId();
  const values = {
    name,
    email,
    password,
    organisation: choice === 'create' ? organisationInput(organisation) : undefined,
  };
  const { formRef, errors, handleSubmit } = useCheckedForm(values, check(SignUp, values), signUp, {
    onSuccess: (outcome) => {
      if (outcome.signedIn) onSignedUp(outcome.me);
    },
  });
  // The person who submitted lands on what to do next, as on a form's problems.
  useEffect(() => {
    if (notSignedIn) notSignedInRef.current?.focus();
  }, [notSignedIn]);

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {signUp.isError ? (
        <ErrorMessage title="Your account could not be created" error={signUp.error} />
      ) : null}
      {notSignedIn ? (
        <p
          ref={notSignedInRef}
          className="notice notice--warning"
          role="alert"
          tabIndex={-1}
          data-testid="sign-up-not-signed-in"
        >
          You could not be signed in with this email and password. If you already have an account
          with this email,{' '}
          <Link to="/sign-in" state={location.state}>
            sign in
          </Link>{' '}
          instead.
        </p>
      ) : null}
      <fieldset className="fieldset fieldset--section">
        <legend>You</legend>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          hint="If an organisation invited you, use the address the invitation went to."
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words make a strong one."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
      </fieldset>
      <fieldset className="fieldset fieldset--section">
        <legend>Your organisation</legend>
        <div>
          <label className="radio">
            <input
              type="radio"
              name={choiceName}
              value="create"
              checked={choice === 'create'}
              onChange={() => setChoice('create')}
            />
            Create an organisation, which you will own
          </label>
          <label className="radio">
            <input
              type="radio"
              name={choiceName}
              value="later"
              checked={choice === 'later'}
              onChange={() => setChoice('later')}
            />
            I was invited, or I’ll join one later
          </label>
        </div>
        {choice === 'create' ? (
          <OrganisationFields
            draft={organisation}
            onChange={setOrganisation}
            errors={organisationErrors(errors)}
          />
        ) : (
          <p className="form__note">
            {invited
              ? 'Once your account exists you will come back to your invitation, to accept it.'
              : 'If you were invited, open the invitation link after creating your account, and accept it there.'}{' '}
            An owner can invite you later too.
          </p>
        )}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
