import { useId } from 'react';
import type { SpoView } from '@shared/schemas/tenders';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { pluralise } from '../activities/activity-format';
import { useSubmitSpo, useWithdrawSpo } from './spos.queries';

/** Why the SPO cannot be submitted yet, or undefined when it can. */
export function submitBlocker(spo: SpoView, closed: boolean): string | undefined {
  if (closed) return 'Bids have closed: nothing more can be submitted.';
  if (spo.lines.length === 0) return 'Add at least one line first.';
  const pending = spo.lines.filter((line) => line.status === 'pending').length;
  const declined = spo.lines.filter((line) => line.status === 'declined').length;
  if (pending === 0 && declined === 0) return undefined;
  const parts = [
    pending > 0 ? `${pluralise(pending, 'line')} awaiting the provider` : '',
    declined > 0 ? `${pluralise(declined, 'line')} declined (remove or replace it)` : '',
  ].filter(Boolean);
  return `Every line must be accepted by its provider first: ${parts.join(', ')}.`;
}

/**
 * Submitting and withdrawing. Submit stays visible but disabled, with the reason beside it,
 * until every line is accepted and while bids are open.
 */
export function SpoSubmitPanel({ spo, closed }: { spo: SpoView; closed: boolean }) {
  const submit = useSubmitSpo(spo.id);
  const withdraw = useWithdrawSpo(spo.id);
  const reasonId = useId();

  if (spo.status === 'awarded' || spo.status === 'not_awarded') return null;

  if (spo.status === 'submitted') {
    return (
      <div className="activity-actions spo-submit-panel">
        <p className="success-message" role="status">
          Submitted: the buyer evaluates it once bids close.
        </p>
        {!closed ? (
          <div className="activity-actions__row">
            <ConfirmAction
              label="Withdraw"
              question="Withdraw this SPO? The buyer will not evaluate it unless you submit again before bids close."
              confirmLabel="Yes, withdraw it"
              pendingLabel="Withdrawing…"
              pending={withdraw.isPending}
              onConfirm={() => withdraw.mutate()}
              onToggle={() => withdraw.reset()}
              danger
              testId="spo-withdraw"
              confirmTestId="spo-withdraw-confirm"
            />
          </div>
        ) : null}
        {withdraw.isError ? (
          <ErrorMessage title="The SPO was not withdrawn" error={withdraw.error} />
        ) : null}
      </div>
    );
  }

  const blocker = submitBlocker(spo, closed);
  return (
    <div className="activity-actions spo-submit-panel">
      <div className="activity-actions__row">
        <button
          type="button"
          className="button"
          data-testid="spo-submit"
          onClick={() => submit.mutate()}
          disabled={blocker !== undefined || submit.isPending}
          aria-describedby={blocker ? reasonId : undefined}
        >
          {submit.isPending ? 'Submitting…' : 'Submit'}
        </button>
        {blocker ? (
          <span id={reasonId} className="spo-submit-panel__reason" data-testid="spo-submit-reason">
            {blocker}
          </span>
        ) : (
          <span className="muted">
            Seals this version with its time and a content hash; you can still change it or withdraw
            it until bids close.
          </span>
        )}
      </div>
      {submit.isError ? (
        <ErrorMessage title="The SPO was not submitted" error={submit.error} />
      ) : null}
    </div>
  );
}
