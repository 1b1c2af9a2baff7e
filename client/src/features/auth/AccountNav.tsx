import { NavLink, useLocation } from 'react-router-dom';
import type { MeView } from '@shared/schemas/accounts';
import { returnStateFrom } from '../../lib/return-to';
import { ActingForSwitcher } from './ActingForSwitcher';
import { useMe } from './auth.queries';
import { organisationsOfKind } from './memberships';
import { SignOutButton } from './SignOutButton';

function ComingSoon({ label }: { label: string }) {
  return (
    <li className="app-nav__soon">
      {label} <span className="badge badge--soon">coming soon</span>
    </li>
  );
}

function SignedInNav({ me }: { me: MeView }) {
  const acting = me.organisations.find((organisation) => organisation.id === me.actingFor);
  // Activities, tenders and calculators are for everyone, in the main navigation; the
  // inbox of link-up requests is for the providers asked.
  const provider = organisationsOfKind(me, 'provider').length > 0;
  return (
    <>
      {provider ? (
        <li>
          <NavLink to="/link-requests" data-testid="nav-link-requests">
            Link requests
          </NavLink>
        </li>
      ) : null}
      {me.person.isAdmin ? <ComingSoon label="Audit" /> : null}
      {me.organisations.length > 0 ? (
        <li>
          <ActingForSwitcher me={me} />
        </li>
      ) : null}
      {acting ? (
        <li>
          <NavLink to={`/organisations/${acting.id}`}>Organisation profile</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/account" data-testid="nav-user">
          {me.person.name}
        </NavLink>
      </li>
      <li>
        <SignOutButton className="button button--quiet" testId="sign-out" />
      </li>
    </>
  );
}

/**
 * The header's account links: sign in or create an account; or, once signed in, whom the
 * person acts for, what their role will let them do, their account and signing out.
 */
export function AccountNav() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return null;
  if (me.isError) {
    return (
      <li>
        <span className="inline-error">Your sign-in could not be checked.</span>{' '}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void me.refetch()}
          disabled={me.isFetching}
        >
          {me.isFetching ? 'Retrying…' : 'Retry'}
        </button>
      </li>
    );
  }
  if (me.data) return <SignedInNav me={me.data} />;
  return (
    <>
      <li>
        <NavLink to="/sign-in" state={returnStateFrom(location)}>
          Sign in
        </NavLink>
      </li>
      <li>
        <NavLink to="/sign-up" state={returnStateFrom(location)}>
          Create account
        </NavLink>
      </li>
    </>
  );
}
