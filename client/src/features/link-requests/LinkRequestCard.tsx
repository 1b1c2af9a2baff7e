import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { LinkRequestView } from '@shared/schemas/tenders';
import type { MeasureView } from '@shared/schemas/toms';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describeTimeLeft, formatDateTime } from '../../lib/date-time';
import { useNow } from '../../lib/use-now';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import { describeCommitment, LineStatus, type Commitment } from '../spos/SpoLinesTable';
import { STARTER_FRAMEWORK, useTomsMeasures } from '../toms/toms.queries';
import { useRespondToLine } from './link-requests.queries';

/** The measure a request names, with its words and unit when the API sends only its code. */
function measureOf(
  measure: LinkRequestView['measure'],
  measures: MeasureView[] | undefined,
): Commitment['measure'] {
  if (typeof measure !== 'string') return measure;
  const known =
    measures?.find((m) => m.code === measure && m.framework === STARTER_FRAMEWORK) ??
    measures?.find((m) => m.code === measure);
  return known ?? { code: measure };
}

/** How a request was answered, for the inbox to say so. */
export type AnswerHandler = (request: LinkRequestView, decision: 'accepted' | 'declined') => void;

interface LinkRequestCardProps {
  request: LinkRequestView;
  /** Called once the answer is recorded and the inbox holds it. */
  onAnswered?: AnswerHandler | undefined;
}

/** One request in the provider inbox: what is offered, by whom, for which tender; answer it. */
export function LinkRequestCard({ request, onAnswered }: LinkRequestCardProps) {
  const respond = useRespondToLine();
  const measures = useTomsMeasures();
  const [note, setNote] = useState('');
  const now = useNow();
  const id = useId();
  const closesAt = Date.parse(request.tender.closesAt);
  const pending = request.status === 'pending';
  const answering = respond.isPending ? respond.variables.decision : undefined;

  function answer(decision: 'accepted' | 'declined') {
    respond.reset();
    // Not mutate's own onSuccess: once answered, the card leaves the waiting list (and
    // unmounts) as the inbox refreshes, and those callbacks would never run.
    respond
      .mutateAsync({ spoId: request.spoId, lineId: request.lineId, decision, note: note.trim() })
      .then(
        () => onAnswered?.(request, decision),
        // The failure is shown from the mutation's state.
        () => undefined,
      );
  }

  return (
    <li
      className={`link-request${pending ? ' link-request--pending' : ''}`}
      data-testid="link-request"
      data-status={request.status}
      aria-labelledby={`${id}-title`}
    >
      <h4 id={`${id}-title`} className="link-request__title" tabIndex={-1}>
        {request.supplier.name} offers{' '}
        {describeCommitment({ ...request, measure: measureOf(request.measure, measures.data) })} to{' '}
        <Link to={`/activities/${encodeURIComponent(request.activity.id)}`}>
          {request.activity.title}
        </Link>
      </h4>
      <dl className="details">
        <dt>Kind</dt>
        <dd>{LINE_KIND_LABELS[request.kind]}</dd>
        <dt>Tender</dt>
        <dd>
          <Link to={`/tenders/${encodeURIComponent(request.tender.id)}`}>
            {request.tender.title}
          </Link>{' '}
          <span className="muted">
            (
            {closesAt > now
              ? `bids close in ${describeTimeLeft(closesAt - now)}, ${formatDateTime(request.tender.closesAt)}`
              : `bids closed ${formatDateTime(request.tender.closesAt)}`}
            )
          </span>
        </dd>
        <dt>Answer</dt>
        <dd>
          <LineStatus line={request} />
        </dd>
      </dl>
      {request.capacityExceeded ? (
        <p className="notice notice--warning" data-testid="link-request-capacity">
          Accepting takes this activity past the support it said it can absorb this year.
        </p>
      ) : null}
      {pending ? (
        <div className="link-request__answer">
          <label className="field__label" htmlFor={`${id}-note`}>
            Note to {request.supplier.name} (optional)
          </label>
          <textarea
            id={`${id}-note`}
            className="field__input field__input--textarea"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            aria-describedby={`${id}-note-hint`}
          />
          <p id={`${id}-note-hint`} className="field__hint">
            Say what you need, or why you decline, so they can offer something that fits.
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button"
              data-testid="link-request-accept"
              onClick={() => answer('accepted')}
              disabled={respond.isPending}
            >
              {answering === 'accepted' ? 'Accepting…' : 'Accept'}
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="link-request-decline"
              onClick={() => answer('declined')}
              disabled={respond.isPending}
            >
              {answering === 'declined' ? 'Declining…' : 'Decline'}
            </button>
          </div>
          {respond.isError ? (
            <ErrorMessage title="Your answer was not recorded" error={respond.error} focus />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
