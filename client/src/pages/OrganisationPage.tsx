import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../components/QueryState';
import { useMe } from '../features/auth/auth.queries';
import { TrackRecordSection } from '../features/fulfilment/TrackRecordSection';
import { MembersSection } from '../features/organisations/MembersSection';
import { OrganisationProfile } from '../features/organisations/OrganisationProfile';
import { useOrganisation } from '../features/organisations/organisations.queries';
import { VerifyToggle } from '../features/organisations/VerifyToggle';
import { ApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/document-title';

// A malformed id is refused as invalid, but to the reader it is simply no organisation.
function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'organisation_not_found' || error.code === 'validation_failed')
  );
}

/** `/organisations/:id`: the public profile, and members for those who may see them. */
export function OrganisationPage() {
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  const me = useMe();
  const notFound = organisation.isError && isNotFound(organisation.error);
  useDocumentTitle(
    organisation.data?.name ?? (notFound ? 'Organisation not found' : 'Organisation'),
  );

  const person = me.data?.person;
  const role = me.data?.organisations.find((o) => o.id === id)?.role;
  const isAdmin = person?.isAdmin === true;

  return (
    <div className="page">
      <article className="page__inner" aria-labelledby="organisation-heading">
        <h2 id="organisation-heading">
          {organisation.data && !organisation.isError
            ? organisation.data.name
            : notFound
              ? 'Organisation not found'
              : 'Organisation'}
        </h2>
        <QueryState
          query={organisation}
          loading="Loading the organisation…"
          errorTitle="The organisation could not be loaded"
          notFound={{
            when: isNotFound,
            content: (
              <>
                <p>No organisation has this address.</p>
                <p>
                  <Link to="/">Go to the map</Link>
                </p>
              </>
            ),
          }}
        >
          {(found) => (
            <>
              <OrganisationProfile organisation={found} />
              {isAdmin ? <VerifyToggle organisation={found} /> : null}
              {found.kind === 'supplier' ? <TrackRecordSection organisationId={found.id} /> : null}
              <MembersSection
                organisationId={id}
                canRead={isAdmin || role !== undefined}
                canManage={isAdmin || role === 'owner'}
                canInvite={role === 'owner'}
                viewerId={person?.id}
              />
            </>
          )}
        </QueryState>
      </article>
    </div>
  );
}
