import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../lib/api';
import { useSignOut } from './auth.queries';

/** Ends the session, then goes to the map: the page that was open may be for members only. */
export function SignOutButton({
  className = 'button',
  testId,
}: {
  className?: string;
  testId?: string;
}) {
  const signOut = useSignOut();
  const navigate = useNavigate();

  function handleClick() {
    signOut.mutate(undefined, { onSuccess: () => void navigate('/') });
  }

  return (
    <>
      <button
        type="button"
        className={className}
        data-testid={testId}
        onClick={handleClick}
        disabled={signOut.isPending}
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {signOut.isError ? (
        <span className="inline-error" role="alert">
          {errorMessage(signOut.error)}
        </span>
      ) : null}
    </>
  );
}
