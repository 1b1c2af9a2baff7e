import type { LinkRequestView } from '@shared/schemas/tenders';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { pluralise } from '../activities/activity-format';
import { organisationsOfKind } from '../auth/memberships';
import { SignInGate } from '../auth/SignInGate';
import { useLinkRequests } from './link-requests.queries';
import { LinkRequestCard } from './LinkRequestCard';

function RequestList({ requests }: { requests: LinkRequestView[] }) {
  return (
    <ol className="link-request-list">
      {requests.map((request) => (
        <LinkRequestCard key={request.lineId} request={request} />
      ))}
    </ol>
  );
}

/** The requests once signed in as a provider's member: awaiting an answer first, then answered. */
function Requests() {
  const requests = useLinkRequests();

  if (requests.isPending) return <LoadingMessage>Loading link requests…</LoadingMessage>;
  if (requests.error) {
    return <QueryError title="The link requests could not be loaded" query={requests} />;
  }
  const pending = [...(requests.pending ?? [])].sort((a, b) =>
    a.tender.closesAt.localeCompare(b.tender.closesAt),
  );
  return (
    <>
      <section className="section" aria-labelledby="link-requests-pending-heading">
        <h3 id="link-requests-pending-heading">
          Waiting for your answer ({pluralise(pending.length, 'request')})
        </h3>
        {pending.length === 0 ? (
          <p className="muted" data-testid="link-requests-empty">
            Nothing waiting: suppliers’ offers for your activities arrive here.
          </p>
        ) : (
          <RequestList requests={pending} />
        )}
      </section>
      <section className="section" aria-labelledby="link-requests-answered-heading">
        <h3 id="link-requests-answered-heading">Answered</h3>
        {requests.answered.length === 0 ? (
          <p className="muted">None answered yet.</p>
        ) : (
          <RequestList requests={requests.answered} />
        )}
      </section>
    </>
  );
}

/**
 * The provider inbox: suppliers' SPO lines offering support to the person's activities,
 * the ones waiting first (soonest-closing tender first), each accepted or declined with a note.
 */
export function LinkRequestInbox() {
  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="link-requests-heading">
        <h2 id="link-requests-heading">Link requests</h2>
        <p className="page__intro">
          Suppliers bidding for public contracts offer your activities money, goods, volunteers or
          TOMs outcomes through Social Purchase Orders. Nothing counts until you accept it.
        </p>
        <SignInGate reason="as a member of a provider organisation to answer link requests.">
          {(person) =>
            organisationsOfKind(person, 'provider').length === 0 ? (
              <p>
                Link requests go to the providers of activities (charities and community groups),
                and you do not belong to one.
              </p>
            ) : (
              <Requests />
            )
          }
        </SignInGate>
      </section>
    </div>
  );
}
