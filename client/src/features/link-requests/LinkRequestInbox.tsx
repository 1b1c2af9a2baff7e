import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinkRequestView } from '@shared/schemas/tenders';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { pluralise } from '../activities/activity-format';
import { organisationsOfKind } from '../auth/memberships';
import { SignInGate } from '../auth/SignInGate';
import { useLinkRequests } from './link-requests.queries';
import { LinkRequestCard, type AnswerHandler } from './LinkRequestCard';
import './link-requests.css';

function RequestList({
  requests,
  onAnswered,
}: {
  requests: LinkRequestView[];
  onAnswered?: AnswerHandler;
}) {
  return (
    <ol className="link-request-list">
      {requests.map((request) => (
        <LinkRequestCard key={request.lineId} request={request} onAnswered={onAnswered} />
      ))}
    </ol>
  );
}

/** The last answer in words, with the count of answers so far to tell two alike apart. */
interface LastAnswer {
  text: string;
  count: number;
}

function describeAnswer(request: LinkRequestView, decision: 'accepted' | 'declined'): string {
  const offer = `${request.supplier.name}’s offer to ${request.activity.title}`;
  return decision === 'accepted'
    ? `You accepted ${offer}. It counts once ${request.supplier.name} submits its Social Purchase Order.`
    : `You declined ${offer}. ${request.supplier.name} sees your answer and any note.`;
}

/**
 * The requests once signed in as a provider's member: awaiting an answer first, then
 * answered. An answer moves its card to the answered list; a status message says what was
 * done (announced by screen readers) and the focus moves on to the next request waiting, or
 * to the message when none is left, rather than being lost with the card.
 */
function Requests() {
  const requests = useLinkRequests();
  const [answer, setAnswer] = useState<LastAnswer | undefined>(undefined);
  const statusRef = useRef<HTMLDivElement>(null);
  const pendingRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!answer) return;
    const next = pendingRef.current?.querySelector<HTMLElement>('.link-request__title');
    (next ?? statusRef.current)?.focus();
  }, [answer]);

  const handleAnswered = useCallback<AnswerHandler>((request, decision) => {
    setAnswer((last) => ({
      text: describeAnswer(request, decision),
      count: (last?.count ?? 0) + 1,
    }));
  }, []);

  if (requests.isPending) return <LoadingMessage>Loading link requests…</LoadingMessage>;
  if (requests.error) {
    return <QueryError title="The link requests could not be loaded" query={requests} />;
  }
  const pending = [...(requests.pending ?? [])].sort((a, b) =>
    a.tender.closesAt.localeCompare(b.tender.closesAt),
  );
  return (
    <>
      {/* In the page from the start, so that what is put in it is announced. */}
      <div
        ref={statusRef}
        className="link-requests__status"
        role="status"
        tabIndex={-1}
        data-testid="link-request-status"
      >
        {answer ? (
          <p key={answer.count} className="success-message">
            {answer.text}{' '}
            {pending.length === 0
              ? 'Nothing else is waiting for your answer.'
              : `${pluralise(pending.length, 'request')} still waiting.`}
          </p>
        ) : null}
      </div>
      <section ref={pendingRef} className="section" aria-labelledby="link-requests-pending-heading">
        <h3 id="link-requests-pending-heading">
          Waiting for your answer ({pluralise(pending.length, 'request')})
        </h3>
        {pending.length === 0 ? (
          <p className="muted" data-testid="link-requests-empty">
            Nothing waiting: suppliers’ offers for your activities arrive here.
          </p>
        ) : (
          <RequestList requests={pending} onAnswered={handleAnswered} />
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
