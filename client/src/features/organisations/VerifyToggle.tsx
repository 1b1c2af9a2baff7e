import type { OrganisationView } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSetVerified } from './organisations.queries';

/** An administrator's switch between verified and not. */
export function VerifyToggle({ organisation }: { organisation: OrganisationView }) {
  const setVerified = useSetVerified(organisation.id);
  const next = !organisation.verified;

  let label = next ? 'Verify' : 'Unverify';
  if (setVerified.isPending) label = next ? 'Verifying…' : 'Unverifying…';

  return (
    <div className="admin-actions">
      <button
        type="button"
        className="button"
        data-testid="verify-toggle"
        onClick={() => setVerified.mutate(next)}
        disabled={setVerified.isPending}
      >
        {label}
      </button>
      {setVerified.isError ? (
        <ErrorMessage title="The verification was not changed" error={setVerified.error} />
      ) : null}
    </div>
  );
}
