import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { MeView } from '@shared/schemas/accounts';
import { QueryState } from '../../components/QueryState';
import { returnStateFrom } from '../../lib/return-to';
import { useMe } from './auth.queries';

interface SignInGateProps {
  /** Said before the link: "You are not signed in." */
  intro?: string;
  /** What signing in is for, after the link: "to see your account." */
  reason: string;
  /** Said instead of the link and reason when nobody is signed in. */
  signedOut?: ReactNode;
  /** The status line while the session is checked. */
  loading?: string;
  /** The title of the failure to check it. */
  errorTitle?: string;
  'data-testid'?: string;
  /** The page's content for the signed-in person. */
  children: (me: MeView) => ReactNode;
}

/**
 * For a page that needs a session: while the session is checked, a status line; if the
 * check fails, the failure with Retry; if nobody is signed in, "Sign in …" with a link that
 * comes back here afterwards; otherwise the content, given who is signed in.
 */
export function SignInGate({
  intro,
  reason,
  signedOut,
  loading = 'Checking who is signed in…',
  errorTitle = 'Your sign-in could not be checked',
  'data-testid': testId,
  children,
}: SignInGateProps) {
  const me = useMe();
  const location = useLocation();
  return (
    <QueryState query={me} loading={loading} errorTitle={errorTitle}>
      {(person) =>
        person === null
          ? (signedOut ?? (
              <p data-testid={testId}>
                {intro ? `${intro} ` : null}
                <Link to="/sign-in" state={returnStateFrom(location)}>
                  Sign in
                </Link>{' '}
                {reason}
              </p>
            ))
          : children(person)
      }
    </QueryState>
  );
}
