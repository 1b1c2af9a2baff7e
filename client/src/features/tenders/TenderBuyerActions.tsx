import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { receiptState } from '../../lib/receipt';
import { useNow } from '../../lib/use-now';
import { useTransitionTender } from './tenders.queries';

/**
 * Cancelling needs a reason on the record; a few words are enough. Its button is a secondary
 * (warning) one, never louder than publishing or awarding.
 */
export function CancelTender({ tender }: { tender: TenderView }) {
  const transition = useTransitionTender(tender.id);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';

  function handleConfirm() {
    setTried(true);
    if (missing) return;
    transition.mutate({ status: 'cancelled', reason: reason.trim() });
  }

  return (
    <>
      <ConfirmAction
        label="Cancel tender"
        question="Cancel this tender for good? It ends without an award, and any Social Purchase Orders lapse."
        confirmLabel="Yes, cancel it"
        pendingLabel="Cancelling…"
        pending={transition.isPending}
        onConfirm={handleConfirm}
        onToggle={() => {
          transition.reset();
          setTried(false);
        }}
        danger
        quiet
        testId="tender-cancel"
        confirmTestId="tender-cancel-confirm"
      >
        <TextAreaField
          label="Reason"
          name="reason"
          hint="Kept with the tender’s record, for suppliers and auditors."
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={tried && missing ? 'Say why the tender is cancelled' : undefined}
        />
      </ConfirmAction>
      {transition.isError ? (
        <ErrorMessage title="The tender was not cancelled" error={transition.error} focus />
      ) : null}
    </>
  );
}

function PublishTender({ tender }: { tender: TenderView }) {
  const transition = useTransitionTender(tender.id);
  const navigate = useNavigate();
  const now = useNow();
  const closesInPast = Date.parse(tender.closesAt) <= now;

  function handlePublish() {
    // Not mutate's own onSuccess: once published, this draft's actions unmount, and those
    // callbacks may never run.
    transition.mutateAsync({ status: 'open' }).then(
      (published) =>
        navigate(`/tenders/${encodeURIComponent(published.id)}`, {
          replace: true,
          state: receiptState('tender-published'),
        }),
      // The failure is shown from the mutation's state.
      () => undefined,
    );
  }

  return (
    <>
      <ConfirmAction
        label="Publish"
        question="Publish this tender? Suppliers can then see it and prepare Social Purchase Orders; it can no longer be edited, only cancelled."
        confirmLabel="Yes, publish it"
        pendingLabel="Publishing…"
        pending={transition.isPending}
        onConfirm={handlePublish}
        onToggle={() => transition.reset()}
        disabled={closesInPast}
        testId="tender-publish"
        confirmTestId="tender-publish-confirm"
      />
      {closesInPast ? (
        <p className="form__note">Its closing time has passed: edit it before publishing.</p>
      ) : null}
      {transition.isError ? (
        <ErrorMessage title="The tender was not published" error={transition.error} focus />
      ) : null}
    </>
  );
}

/**
 * What the buyer's members can do to their tender: edit and publish a draft, and cancel
 * anything not yet awarded. After closing, scoring, awarding and cancelling come with the
 * evaluation, below, where awarding is the main action.
 */
export function TenderBuyerActions({ tender }: { tender: TenderView }) {
  if (tender.status !== 'draft' && tender.status !== 'open') return null;
  const draft = tender.status === 'draft';
  return (
    <div className="activity-actions" data-testid="tender-actions">
      <div className="activity-actions__row">
        {draft ? (
          <Link
            className="button button--secondary"
            to={`/tenders/${encodeURIComponent(tender.id)}/edit`}
            data-testid="tender-edit"
          >
            Edit
          </Link>
        ) : null}
        {draft ? <PublishTender tender={tender} /> : null}
        <CancelTender tender={tender} />
      </div>
      {draft ? (
        <p className="form__note">
          A draft is seen only by your organisation’s members until it is published.
        </p>
      ) : null}
    </div>
  );
}
