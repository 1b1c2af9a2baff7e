import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { SpoView } from '@shared/schemas/tenders';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { pluralise } from '../activities/activity-format';
import { useWithdrawSpo } from './spos.queries';

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
 * Submitting and withdrawing. "Check and submit" leads to the check step (`SpoCheck`), which
 * seals; it stays visible but disabled, with the reason beside it, until every line is
 * accepted and while bids are open. A submitted SPO can be withdrawn until the award.
 */
export function SpoSubmitPanel({ spo, closed }: { spo: SpoView; closed: boolean }) {
  const withdraw = useWithdrawSpo(spo.id);
  const reasonId = useId();

  if (spo.status === 'awarded' || spo.status === 'not_awarded' || spo.status === 'withdrawn')
    return null;

  if (spo.status === 'submitted') {
    return (
      <div className="activity-actions spo-submit-panel">
        <p className="success-message" role="status">
          Submitted: the buyer evaluates it once bids close.
        </p>
        <div className="activity-actions__row">
          <ConfirmAction
            label="Withdraw"
            question="Withdraw this SPO? This is final: the buyer will not evaluate it, and it cannot be submitted again."
            confirmLabel="Yes, withdraw it"
            pendingLabel="Withdrawing…"
            pending={withdraw.isPending}
            onConfirm={() => withdraw.mutate()}
            onToggle={() => withdraw.reset()}
            danger
            quiet
            testId="spo-withdraw"
            confirmTestId="spo-withdraw-confirm"
          />
        </div>
        {withdraw.isError ? (
          <ErrorMessage title="The SPO was not withdrawn" error={withdraw.error} focus />
        ) : null}
      </div>
    );
  }

  const blocker = submitBlocker(spo, closed);
  return (
    <div className="activity-actions spo-submit-panel">
      <div className="activity-actions__row">
        {blocker ? (
          <button
            type="button"
            className="button"
            data-testid="spo-submit"
            disabled
            aria-describedby={reasonId}
          >
            Check and submit
          </button>
        ) : (
          <Link
            className="button"
            to={`/spos/${encodeURIComponent(spo.id)}/check`}
            data-testid="spo-submit"
          >
            Check and submit
          </Link>
        )}
        {blocker ? (
          <span id={reasonId} className="spo-submit-panel__reason" data-testid="spo-submit-reason">
            {blocker}
          </span>
        ) : (
          <span className="muted">
            You check the lines and figures before sealing this version with its time and a content
            hash.
          </span>
        )}
      </div>
    </div>
  );
}
